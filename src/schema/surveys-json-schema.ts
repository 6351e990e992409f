import * as z from 'zod'
import { surveysFileSchema } from './survey-schema'

/**
 * The JSON Schema of surveys.json, from the zod schema of record, for editors: draft-07, which
 * every editor reads, of what a file may hold (defaults are not required). Rules JSON Schema
 * cannot say (each id once, a selector the browser takes) are the collector's and the browser's.
 */
export const surveysJsonSchema = () => z.toJSONSchema(surveysFileSchema, { target: 'draft-07', io: 'input' })
