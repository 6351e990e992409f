import { describeValue } from '../config/problem'

// Every sentence the drawing part says to a developer, each its own export (how a survey looks
// is checked with the core's words: src/messages.ts).
export const badPrefill = (score: unknown, answerId: unknown) =>
  `show: expected a score within the survey's scale and an answer id of 1–64 letters, digits, - or _, got ${describeValue(score)} and ${describeValue(answerId)}`
export const notScalar = (key: string, value: unknown) =>
  `identify: attribute ${describeValue(key)} left out: expected a string, number, boolean or null, got ${describeValue(value)}`
export const noTexts = (language: string) => `the texts for "${language}" could not be loaded; showing English`
