import type { Texts } from './en'

// Spanish, "tú", as most Spanish-speaking shops now address customers.
const es: Texts = {
  nps: '¿Qué probabilidad hay de que recomiendes {brand} a un amigo o colega?',
  npsNoBrand: '¿Qué probabilidad hay de que nos recomiendes a un amigo o colega?',
  npsLow: 'Nada probable',
  npsHigh: 'Extremadamente probable',
  csat: '¿Cuál es tu nivel de satisfacción con {subject}?',
  csatSubject: 'tu visita de hoy',
  csatPoints: ['Muy insatisfecho', 'Insatisfecho', 'Neutral', 'Satisfecho', 'Muy satisfecho'],
  ces: '{brand} me facilitó {task}.',
  cesNoBrand: 'Me resultó fácil {task}.',
  cesTask: 'hacer lo que vine a hacer',
  cesLow: 'Totalmente en desacuerdo',
  cesHigh: 'Totalmente de acuerdo',
  detractor: 'Lamentamos oír eso. ¿Qué podríamos mejorar?',
  passive: '¿Qué haría falta para que nos dieras un 10?',
  promoter: '¡Nos alegra saberlo! ¿Qué es lo que más te gusta?',
  low: '¿Qué podríamos haber hecho mejor?',
  high: '¿Qué es lo que más te gustó?',
  placeholder: 'Tu respuesta (opcional)',
  thanks: '¡Gracias por tu opinión!',
  send: 'Enviar',
  skip: 'Omitir',
  close: 'Cerrar',
  chooseAll: 'Elige todas las que correspondan.',
  more: '¿Quieres contarnos algo más?',
  newTab: '(se abre en una pestaña nueva)',
  announce: 'Encuesta: {question}'
}
export default es
