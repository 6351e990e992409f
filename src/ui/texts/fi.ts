import type { Texts } from './en'

// Finnish. Brand names are not inflected ("palvelua {brand}"), so any name reads right.
// A `subject` given for Finnish is in the illative: "asiakaspalveluumme".
const fi: Texts = {
  nps: 'Kuinka todennäköisesti suosittelisit palvelua {brand} ystävällesi tai työkaverillesi?',
  npsNoBrand: 'Kuinka todennäköisesti suosittelisit meitä ystävällesi tai työkaverillesi?',
  npsLow: 'Erittäin epätodennäköisesti',
  npsHigh: 'Erittäin todennäköisesti',
  csat: 'Kuinka tyytyväinen olet {subject}?',
  csatSubject: 'tämänpäiväiseen käyntiisi',
  csatPoints: ['Erittäin tyytymätön', 'Tyytymätön', 'Neutraali', 'Tyytyväinen', 'Erittäin tyytyväinen'],
  ces: 'Palvelun {brand} ansiosta minun oli helppo {task}.',
  cesNoBrand: 'Minun oli helppo {task}.',
  cesTask: 'hoitaa asiani',
  cesLow: 'Täysin eri mieltä',
  cesHigh: 'Täysin samaa mieltä',
  detractor: 'Olemme pahoillamme. Mitä voisimme parantaa?',
  passive: 'Mikä saisi sinut antamaan meille 10?',
  promoter: 'Hienoa kuulla! Mistä pidät eniten?',
  low: 'Mitä olisimme voineet tehdä paremmin?',
  high: 'Mistä pidit eniten?',
  placeholder: 'Vastauksesi (valinnainen)',
  thanks: 'Kiitos palautteestasi!',
  send: 'Lähetä',
  skip: 'Ohita',
  close: 'Sulje',
  chooseAll: 'Valitse kaikki sopivat.',
  more: 'Haluatko kertoa meille vielä jotain?',
  newTab: '(avautuu uuteen välilehteen)',
  announce: 'Kysely: {question}'
}
export default fi
