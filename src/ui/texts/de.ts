import type { Texts } from './en'

// German, formal "Sie", as German shops address customers.
const de: Texts = {
  nps: 'Wie wahrscheinlich ist es, dass Sie {brand} einem Freund oder Kollegen weiterempfehlen?',
  npsNoBrand: 'Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen weiterempfehlen?',
  npsLow: 'Äußerst unwahrscheinlich',
  npsHigh: 'Äußerst wahrscheinlich',
  csat: 'Wie zufrieden sind Sie mit {subject}?',
  csatSubject: 'Ihrem heutigen Besuch',
  csatPoints: ['Sehr unzufrieden', 'Unzufrieden', 'Neutral', 'Zufrieden', 'Sehr zufrieden'],
  ces: '{brand} hat es mir leicht gemacht, {task}.',
  cesNoBrand: 'Es fiel mir leicht, {task}.',
  cesTask: 'mein Anliegen zu erledigen',
  cesLow: 'Stimme überhaupt nicht zu',
  cesHigh: 'Stimme voll und ganz zu',
  detractor: 'Das tut uns leid. Was können wir besser machen?',
  passive: 'Was würde Sie zu einer 10 bewegen?',
  promoter: 'Das freut uns! Was gefällt Ihnen am besten?',
  low: 'Was hätten wir besser machen können?',
  high: 'Was hat Ihnen am besten gefallen?',
  placeholder: 'Ihre Antwort (optional)',
  thanks: 'Vielen Dank für Ihr Feedback!',
  send: 'Senden',
  skip: 'Überspringen',
  close: 'Schließen',
  chooseAll: 'Mehrfachauswahl möglich.',
  more: 'Möchten Sie uns noch etwas mitteilen?',
  newTab: '(öffnet sich in einem neuen Tab)',
  announce: 'Umfrage: {question}'
}
export default de
