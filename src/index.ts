export { init } from './init'
export { fetchTransport } from './transport/fetch-transport'
export { beaconTransport } from './transport/send-beacon'
export type {
  Answer,
  Audience,
  Condition,
  ErrorReason,
  EventName,
  FollowUp,
  Frequency,
  Sayso,
  SaysoConfig,
  SaysoError,
  SaysoEvents,
  Scalar,
  ShowOptions,
  Survey,
  SurveyType,
  Text,
  Theme,
  Transport,
  TransportResult,
  Trigger,
  User
} from './types'
