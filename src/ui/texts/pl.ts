import type { Texts } from './en'

// Polish. Gender-neutral where Polish allows: satisfaction as a level ("poziom zadowolenia").
// A `subject` given for Polish goes after "z" in the genitive: "obsługi klienta".
const pl: Texts = {
  nps: 'Jak prawdopodobne jest, że polecisz {brand} znajomemu lub współpracownikowi?',
  npsNoBrand: 'Jak prawdopodobne jest, że polecisz nas znajomemu lub współpracownikowi?',
  npsLow: 'Zdecydowanie nie polecę',
  npsHigh: 'Zdecydowanie polecę',
  csat: 'Jaki jest Twój poziom zadowolenia z {subject}?',
  csatSubject: 'dzisiejszej wizyty',
  csatPoints: ['Bardzo niski', 'Niski', 'Średni', 'Wysoki', 'Bardzo wysoki'],
  ces: 'Dzięki {brand} łatwo mi było {task}.',
  cesNoBrand: 'Łatwo mi było {task}.',
  cesTask: 'załatwić swoją sprawę',
  cesLow: 'Zdecydowanie się nie zgadzam',
  cesHigh: 'Zdecydowanie się zgadzam',
  detractor: 'Przykro nam. Co możemy poprawić?',
  passive: 'Co sprawiłoby, że dasz nam 10?',
  promoter: 'Bardzo się cieszymy! Co podoba Ci się najbardziej?',
  low: 'Co mogliśmy zrobić lepiej?',
  high: 'Co podobało Ci się najbardziej?',
  placeholder: 'Twoja odpowiedź (opcjonalnie)',
  thanks: 'Dziękujemy za opinię!',
  send: 'Wyślij',
  skip: 'Pomiń',
  close: 'Zamknij',
  chooseAll: 'Zaznacz wszystkie pasujące odpowiedzi.',
  more: 'Chcesz dodać coś jeszcze?',
  newTab: '(otwiera się w nowej karcie)',
  announce: 'Ankieta: {question}'
}
export default pl
