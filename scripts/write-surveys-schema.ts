// Writes dist/surveys.schema.json (or the file named on the command line), which the package
// publishes for "$schema" in a surveys.json; run by `npm run build` after rollup.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { surveysJsonSchema } from '../src/schema/surveys-json-schema'

const file = process.argv[2] ?? 'dist/surveys.schema.json'
mkdirSync(dirname(file), { recursive: true })
writeFileSync(file, JSON.stringify(surveysJsonSchema(), null, 2) + '\n')
console.log(`${file}  the JSON Schema of surveys.json`)
