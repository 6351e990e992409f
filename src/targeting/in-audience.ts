import type { ParsedSurvey } from '../config/schema'
import type { Scalar } from '../types'
import { matches } from './matches'

export interface Visitor {
  id: string
  locale: string
  attributes?: Record<string, Scalar>
}

// FNV-1a: the same visitor and survey always land on the same point of 0…1.
const fraction = (text: string) => {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return (hash >>> 0) / 2 ** 32
}

export const device = (): 'mobile' | 'desktop' =>
  ((navigator as Navigator & { userAgentData?: { mobile: boolean } }).userAgentData?.mobile ??
  /Mobi|Android|iPhone/i.test(navigator.userAgent))
    ? 'mobile'
    : 'desktop'

/**
 * Whether a visitor may see a survey: its audience (attributes, device,
 * locale: `pl` takes `pl-PL`) and its sample, stable per visitor.
 */
export const inAudience = ({ id, audience, sample }: ParsedSurvey, visitor: Visitor): boolean =>
  (!audience ||
    (matches(audience.attributes, visitor.attributes) &&
      (!audience.device || audience.device == device()) &&
      (!audience.locale ||
        [audience.locale].flat().some((wanted) => (visitor.locale + '-').toLowerCase().startsWith(wanted.toLowerCase() + '-'))))) &&
  fraction(visitor.id + id) < sample
