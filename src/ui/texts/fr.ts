import type { Texts } from './en'

// French, "vous", with the narrow no-break space French typography puts before ? and !.
const fr: Texts = {
  nps: 'Quelle est la probabilité que vous recommandiez {brand} à un ami ou à un collègue ?',
  npsNoBrand: 'Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue ?',
  npsLow: 'Pas du tout probable',
  npsHigh: 'Extrêmement probable',
  csat: 'Dans quelle mesure êtes-vous satisfait de {subject} ?',
  csatSubject: 'votre visite',
  csatPoints: ['Très insatisfait', 'Insatisfait', 'Neutre', 'Satisfait', 'Très satisfait'],
  ces: '{brand} m’a permis de {task} facilement.',
  cesNoBrand: 'J’ai pu {task} facilement.',
  cesTask: 'faire ce que je voulais',
  cesLow: 'Pas du tout d’accord',
  cesHigh: 'Tout à fait d’accord',
  detractor: 'Nous en sommes désolés. Que pourrions-nous améliorer ?',
  passive: 'Que faudrait-il pour que vous nous donniez 10 ?',
  promoter: 'Ravis de l’entendre ! Qu’appréciez-vous le plus ?',
  low: 'Qu’aurions-nous pu mieux faire ?',
  high: 'Qu’avez-vous le plus apprécié ?',
  placeholder: 'Votre réponse (facultatif)',
  thanks: 'Merci pour votre avis !',
  send: 'Envoyer',
  skip: 'Passer',
  close: 'Fermer',
  chooseAll: 'Plusieurs réponses possibles.',
  more: 'Souhaitez-vous ajouter quelque chose ?',
  newTab: '(s’ouvre dans un nouvel onglet)',
  announce: 'Questionnaire : {question}'
}
export default fr
