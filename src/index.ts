export { init } from './init'
export { fetchTransport } from './transport/fetch-transport'
export { beaconTransport } from './transport/send-beacon'
export { segmentTransport } from './transport/segment-transport'
export { posthogTransport } from './transport/posthog-transport'
export { gtmTransport } from './transport/gtm-transport'
export { intercomTransport } from './transport/intercom-transport'
export { hubspotTransport } from './transport/hubspot-transport'
export type {
  Answer,
  Audience,
  Choice,
  Condition,
  Device,
  Display,
  ErrorReason,
  EventName,
  FollowUp,
  Frequency,
  Link,
  Sayso,
  SaysoConfig,
  SaysoError,
  SaysoEvents,
  Scalar,
  Segment,
  ShowOptions,
  Survey,
  SurveyRecord,
  SurveyType,
  Text,
  ThankYou,
  ThankYouAction,
  Theme,
  Transport,
  TransportResult,
  Trigger,
  User
} from './types'
