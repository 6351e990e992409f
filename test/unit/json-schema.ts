// A JSON Schema validator for the part of draft-07 that dist/surveys.schema.json uses, so that a
// test can check the file itself, as an editor reads it. A keyword it does not know is an error,
// not a pass: the file must be checked in full or not at all.
type Schema = Record<string, unknown>

const annotations = new Set(['$schema', 'title', 'description', 'default', 'examples', 'definitions'])

const typeOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value

const isOfType = (value: unknown, type: string) => typeOf(value) == type || (type == 'number' && typeOf(value) == 'integer')

/** Where `value` breaks `schema` (`/surveys/1/trigger/delay: minimum`), or nothing when it holds. */
export const validate = (schema: Schema, value: unknown, root: Schema = schema, at = ''): string[] => {
  const errors: string[] = []
  const fail = (keyword: string) => errors.push(`${at || '/'}: ${keyword}`)
  for (const [keyword, rule] of Object.entries(schema)) {
    if (annotations.has(keyword)) continue
    const object = value as Record<string, unknown>
    switch (keyword) {
      case '$ref': {
        const name = (rule as string).replace('#/definitions/', '')
        errors.push(...validate((root.definitions as Record<string, Schema>)[name], value, root, at))
        break
      }
      case 'type':
        if (![rule].flat().some((type) => isOfType(value, type as string))) fail('type')
        break
      case 'enum':
        if (!(rule as unknown[]).includes(value)) fail('enum')
        break
      case 'const':
        if (value !== rule) fail('const')
        break
      case 'minimum':
        if (typeof value == 'number' && value < (rule as number)) fail('minimum')
        break
      case 'maximum':
        if (typeof value == 'number' && value > (rule as number)) fail('maximum')
        break
      case 'minLength':
        if (typeof value == 'string' && [...value].length < (rule as number)) fail('minLength')
        break
      case 'maxLength':
        if (typeof value == 'string' && [...value].length > (rule as number)) fail('maxLength')
        break
      case 'minItems':
        if (Array.isArray(value) && value.length < (rule as number)) fail('minItems')
        break
      case 'maxItems':
        if (Array.isArray(value) && value.length > (rule as number)) fail('maxItems')
        break
      case 'pattern':
        if (typeof value == 'string' && !new RegExp(rule as string, 'u').test(value)) fail('pattern')
        break
      case 'anyOf':
        if (!(rule as Schema[]).some((option) => validate(option, value, root, at).length == 0)) fail('anyOf')
        break
      case 'allOf':
        for (const part of rule as Schema[]) errors.push(...validate(part, value, root, at))
        break
      case 'items':
        if (Array.isArray(value)) value.forEach((item, index) => errors.push(...validate(rule as Schema, item, root, `${at}/${index}`)))
        break
      case 'required':
        if (typeOf(value) == 'object') for (const key of rule as string[]) if (!Object.hasOwn(object, key)) fail(`required ${key}`)
        break
      case 'properties':
        if (typeOf(value) == 'object')
          for (const [key, property] of Object.entries(rule as Record<string, Schema>))
            if (Object.hasOwn(object, key)) errors.push(...validate(property, object[key], root, `${at}/${key}`))
        break
      case 'propertyNames':
        if (typeOf(value) == 'object') for (const key of Object.keys(object)) errors.push(...validate(rule as Schema, key, root, `${at}/${key}`))
        break
      case 'additionalProperties':
        if (typeOf(value) == 'object') {
          const known = Object.keys((schema.properties as Schema | undefined) ?? {})
          for (const key of Object.keys(object).filter((key) => !known.includes(key))) {
            if (rule === false) fail(`additionalProperties ${key}`)
            else if (rule !== true) errors.push(...validate(rule as Schema, object[key], root, `${at}/${key}`))
          }
        }
        break
      default:
        throw new Error(`${at || '/'}: the keyword ${keyword} is not one this validator knows`)
    }
  }
  return errors
}
