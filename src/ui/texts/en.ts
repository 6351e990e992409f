/** English, the fallback for every text. `{brand}`, `{subject}`, `{task}` and `{question}` are filled in. */
export const en = {
  nps: 'How likely are you to recommend {brand} to a friend or colleague?',
  npsNoBrand: 'How likely are you to recommend us to a friend or colleague?',
  npsLow: 'Not at all likely',
  npsHigh: 'Extremely likely',
  csat: 'How satisfied are you with {subject}?',
  csatSubject: 'your experience today',
  csatPoints: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
  ces: '{brand} made it easy for me to {task}.',
  cesNoBrand: 'It was easy for me to {task}.',
  cesTask: 'do what I came here to do',
  cesLow: 'Strongly disagree',
  cesHigh: 'Strongly agree',
  detractor: 'We are sorry to hear that. What could we do better?',
  passive: 'What would make it a 10 for you?',
  promoter: 'Great to hear! What do you like most?',
  low: 'What could we have done better?',
  high: 'What did you like most?',
  placeholder: 'Your answer (optional)',
  thanks: 'Thank you for your feedback!',
  send: 'Send',
  skip: 'Skip',
  close: 'Close',
  chooseAll: 'Choose all that apply.',
  more: 'Anything else you would like to tell us?',
  newTab: '(opens in a new tab)',
  announce: 'Feedback survey: {question}'
}

export type Texts = typeof en
