import fc from 'fast-check'
import * as z from 'zod'

/** A generated value, and the faults put into it, each named `where what` ("surveys[].sample too large"). */
export interface Made {
  value: unknown
  faults: string[]
}

export interface Arbitraries {
  /** Every fault the schema can be given: where it is, and what is wrong. */
  sites: string[]
  /** Valid values. */
  valid: fc.Arbitrary<Made>
  /** Values with the fault `site` in them, and now and then another one. */
  withFault: (site: string) => fc.Arbitrary<Made>
}

export interface ArbitraryOptions {
  /** Valid and wrong values of a z.custom() of the schema, which a walk cannot know. */
  custom: (schema: z.ZodCustom, where: string) => { valid: fc.Arbitrary<unknown>; wrong: fc.Arbitrary<unknown> }
  /** About one node in `1 + rarity` gets a fault of its own beside the one asked for. */
  rarity?: number
}

// A node of the walk: the faults it and what it holds can be given, and how to make a value with
// the fault `target` in it (or none), and with `others`, more faults now and then.
interface Node {
  sites: Set<string>
  make: (target: string | undefined, others: boolean) => fc.Arbitrary<Made>
}

// Names, texts, ids and paths; a few on purpose alike, so that ids repeat.
const strings = fc.oneof(fc.constantFrom('a', 'b', 'nps-main', 'pl', 'en', '/checkout/*', 'Thanks!', 'manual', 'x y'), fc.string({ maxLength: 6 }))
// Names of map entries (locales, attributes, event properties): no '.' or '[', so that a path
// read back from its words is the same path.
const entryNames = fc.constantFrom('en', 'pl', 'plan', 'total', 'seats', 'a b', '', 'constructor', 'toString')
// Keys no object of the schema has; some are names every object inherits.
const unknownKeys = fc.constantFrom('evnt', 'qestion', 'locales', 'colour', 'Type', 'toString', 'constructor', 'hasOwnProperty')
// One value of every JSON type, and a few only JavaScript has.
const anyValue = fc.constantFrom('x', '', 42, -1, 0.5, true, false, null, [], ['x'], {}, { a: 1 }, Number.NaN, Number.POSITIVE_INFINITY)

const made = (value: unknown, faults: string[] = []): Made => ({ value, faults })
const faultsOf = (parts: Made[]) => parts.flatMap((part) => part.faults)

/** Whether a key of an object may be absent. */
const mayBeAbsent = (schema: z.ZodType) => schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault

/**
 * Arbitraries for a zod schema, from a walk of it: valid values, and values with a chosen fault
 * in the ways each node can be wrong — a value of another type, a number out of its range or not
 * finite, a string empty or too long, a list too short or too long, a word that is no option, an
 * unknown key, a missing key. The walk
 * knows the kinds of node the survey schema uses and refuses others, so that a new kind is
 * taught here before the property test trusts it.
 */
export const arbitrariesOf = (schema: z.ZodType, options: ArbitraryOptions): Arbitraries => {
  const rarity = options.rarity ?? 60

  /**
   * A node from its own faults (each a site and the values it makes) and its children; `valid`
   * makes a valid value of it, passing `target` down to the child that holds it.
   */
  const node = (
    own: [site: string, values: fc.Arbitrary<Made>][],
    children: Node[],
    valid: (target: string | undefined, others: boolean) => fc.Arbitrary<Made>
  ): Node => {
    const sites = new Set([...own.map(([site]) => site), ...children.flatMap((child) => [...child.sites])])
    const make = (target: string | undefined, others: boolean) => {
      const forced = own.find(([site]) => site === target)
      if (forced) return forced[1]
      const value = valid(target, others)
      // A fault of its own would hide the one asked for below it.
      if (!others || !own.length || (target !== undefined && sites.has(target))) return value
      return fc.oneof({ weight: rarity, arbitrary: value }, { weight: 1, arbitrary: fc.oneof(...own.map(([, values]) => values)) })
    }
    // Made once for each target it holds (or none), since most of a tree holds none.
    const made = new Map<string, fc.Arbitrary<Made>>()
    return {
      sites,
      make(target, others) {
        const key = `${others} ${target !== undefined && sites.has(target) ? target : ''}`
        if (!made.has(key)) made.set(key, make(target !== undefined && sites.has(target) ? target : undefined, others))
        return made.get(key)!
      }
    }
  }
  const holding = (child: Node, target: string | undefined) => (target !== undefined && child.sites.has(target) ? target : undefined)
  const fault = (where: string, what: string, values: fc.Arbitrary<unknown>): [string, fc.Arbitrary<Made>] => {
    const site = `${where || '(root)'} ${what}`
    return [site, values.map((value) => made(value, [site]))]
  }
  const leaf = (where: string, typed: boolean, values: fc.Arbitrary<unknown>, faults: [string, fc.Arbitrary<Made>][]) =>
    node([...(typed ? [fault(where, 'of another type', anyValue)] : []), ...faults], [], () => values.map((value) => made(value)))

  // `examples`: those given on an optional or default wrapper, which are what it wraps.
  // `typed`: false for a branch of a union or a side of an intersection, whose parent makes the wrong types.
  const walk = (schema: z.ZodType, where: string, examples: unknown[] | undefined, typed: boolean): Node => {
    const own = (schema.meta()?.examples as unknown[] | undefined) ?? examples
    if (mayBeAbsent(schema)) return walk((schema as z.ZodOptional).unwrap() as z.ZodType, where, own, typed)

    if (schema instanceof z.ZodString) {
      // A refinement (a CSS selector) cannot be walked: its examples are its valid values.
      const refined = schema.def.checks?.some((check) => check._zod.def.check == 'custom')
      if (refined && !own) throw new Error(`${where}: a refined string needs examples of valid values`)
      const min = schema.minLength ?? 0
      const max = schema.maxLength ?? Infinity
      return leaf(where, typed, refined ? fc.constantFrom(...own!) : strings.filter((text) => text.length >= min && text.length <= max), [
        ...(min > 0 ? [fault(where, 'empty', fc.constant(''))] : []),
        ...(Number.isFinite(max) ? [fault(where, 'too long', fc.constant('x'.repeat(max + 1)))] : []),
        ...(refined ? [fault(where, 'refused', fc.constantFrom('[[', '#', 'a >', '!'))] : [])
      ])
    }
    if (schema instanceof z.ZodNumber) {
      // Without a bound of its own, a number is any finite one.
      const hasMin = Number.isFinite(schema.minValue)
      const hasMax = Number.isFinite(schema.maxValue)
      const min = hasMin ? schema.minValue! : -1e9
      const max = hasMax ? schema.maxValue! : 1e9
      return leaf(where, typed, fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true })), [
        ...(hasMin ? [fault(where, 'too small', fc.constantFrom(min - 1, min - 0.001, -Infinity))] : []),
        ...(hasMax ? [fault(where, 'too large', fc.constantFrom(max + 1, max + 0.5, Infinity))] : []),
        fault(where, 'not finite', fc.constantFrom(Number.NaN, Infinity, -Infinity))
      ])
    }
    if (schema instanceof z.ZodBoolean) return leaf(where, typed, fc.boolean(), [])
    if (schema instanceof z.ZodNull) return leaf(where, typed, fc.constant(null), [])
    if (schema instanceof z.ZodEnum || schema instanceof z.ZodLiteral) {
      const values = schema instanceof z.ZodEnum ? schema.options : [...schema.values]
      const near = values.flatMap((value) => [String(value).toUpperCase(), ` ${String(value)}`])
      return leaf(where, typed, fc.constantFrom(...values), [fault(where, 'not an option', fc.constantFrom('poll', 'auto', ...near))])
    }
    if (schema instanceof z.ZodArray) {
      const item = walk(schema.element as z.ZodType, `${where}[]`, undefined, true)
      const lengths = (schema.def.checks ?? []).map((check) => check._zod.def as { check: string; minimum?: number; maximum?: number })
      const min = lengths.find((check) => check.check == 'min_length')?.minimum ?? 0
      const max = lengths.find((check) => check.check == 'max_length')?.maximum ?? Infinity
      // A list of its shortest length and one more, at most its longest: enough to see each item checked.
      const some = (others: boolean, least: number) => fc.array(item.make(undefined, others), { minLength: least, maxLength: Math.min(Math.max(least, 1), max) })
      const validItems = (length: number) => fc.array(item.make(undefined, false), { minLength: length, maxLength: length }).map((items) => items.map((one) => one.value))
      return node(
        [
          ...(typed ? [fault(where, 'of another type', anyValue)] : []),
          ...(min > 0 ? [fault(where, 'too short', validItems(min - 1))] : []),
          ...(Number.isFinite(max) ? [fault(where, 'too long', validItems(max + 1))] : [])
        ],
        [item],
        (target, others) => {
          const list = holding(item, target)
            ? fc.tuple(some(others, 0), item.make(target, others), some(others, 0)).map(([before, one, after]) => [...before.slice(0, max - 1), one, ...after].slice(0, max))
            : some(others, min)
          return list.map((items) => made(items.map((one) => one.value), faultsOf(items)))
        }
      )
    }
    if (schema instanceof z.ZodRecord) {
      const keyType = schema.keyType as z.ZodType
      const pattern = (keyType instanceof z.ZodString ? (keyType.def.checks ?? []) : [])
        .map((check) => (check._zod.def as { pattern?: RegExp }).pattern)
        .find((found) => found instanceof RegExp)
      // Keys of a pattern such as /^--sayso-/: its prefix and a name.
      const keys = pattern ? fc.constantFrom('accent', 'radius', '').map((name) => pattern.source.replace(/^\^/, '') + name) : entryNames
      const entry = walk(schema.valueType as z.ZodType, `${where}.*`, undefined, true)
      return node(typed ? [fault(where, 'of another type', anyValue)] : [], [entry], (target, others) => {
        const some = fc.dictionary(keys, entry.make(undefined, others), { maxKeys: 2 })
        const map = holding(entry, target) ? fc.tuple(some, keys, entry.make(target, others)).map(([rest, key, one]) => ({ ...rest, [key]: one })) : some
        return map.map((entries) => made(Object.fromEntries(Object.entries(entries).map(([key, one]) => [key, one.value])), faultsOf(Object.values(entries))))
      })
    }
    if (schema instanceof z.ZodObject) {
      const shape = schema.shape as Record<string, z.ZodType>
      const keys = Object.keys(shape)
      const children = Object.fromEntries(keys.map((key) => [key, walk(shape[key], where ? `${where}.${key}` : key, undefined, true)]))
      const required = keys.filter((key) => !mayBeAbsent(shape[key]))
      // A refinement across keys (a link's label and url, both or neither) cannot be walked: its
      // examples are its valid values, and a fault below goes into an example that has its key.
      // Without examples, a refinement is the test's to meet (the configuration's: each id once,
      // an endpoint or a transport).
      const refined = !!own?.length && !!schema.def.checks?.some((check) => check._zod.def.check == 'custom')
      const fromExamples = (target: string | undefined, others: boolean) => {
        const key = keys.find((one) => holding(children[one], target))
        const all = own as Record<string, unknown>[]
        const having = all.filter((example) => key !== undefined && key in example)
        const example = fc.constantFrom(...(having.length ? having : all))
        if (key === undefined) return example.map((value) => made(value))
        return fc.tuple(example, children[key].make(target, others)).map(([value, one]) => made({ ...value, [key]: one.value }, one.faults))
      }
      const walked = (target: string | undefined, others: boolean) =>
        fc
          .record(
            Object.fromEntries(keys.map((key) => [key, children[key].make(holding(children[key], target), others)])),
            { requiredKeys: keys.filter((key) => required.includes(key) || holding(children[key], target)) }
          )
          .map((record) => {
            const parts = Object.entries(record) as [string, Made][]
            return made(Object.fromEntries(parts.map(([key, one]) => [key, one.value])), faultsOf(parts.map(([, one]) => one)))
          })
      const valid = refined ? fromExamples : walked
      const strict = schema.def.catchall instanceof z.ZodNever
      const unknownKey = `${where || '(root)'} with an unknown key`
      const missingKey = `${where || '(root)'} without a key it needs`
      // An example with one of its keys left out: for a refinement across keys, often refused.
      const lessAKey = () =>
        fc
          .constantFrom(...(own as Record<string, unknown>[]).filter((example) => Object.keys(example).length > 0))
          .chain((example) => fc.constantFrom(...Object.keys(example)).map((key) => Object.fromEntries(Object.entries(example).filter(([one]) => one != key))))
      return node(
        [
          ...(typed ? [fault(where, 'of another type', anyValue)] : []),
          ...(refined ? [fault(where, 'refused', lessAKey())] : []),
          ...(strict
            ? [
                [
                  unknownKey,
                  fc.tuple(valid(undefined, false), unknownKeys, anyValue).map(([object, key, item]) => made({ ...(object.value as object), [key]: item }, [unknownKey]))
                ] as [string, fc.Arbitrary<Made>]
              ]
            : []),
          ...(required.length
            ? [
                [
                  missingKey,
                  fc.tuple(valid(undefined, false), fc.constantFrom(...required)).map(([object, key]) => {
                    const { [key]: _absent, ...rest } = object.value as Record<string, unknown>
                    return made(rest, [missingKey])
                  })
                ] as [string, fc.Arbitrary<Made>]
              ]
            : [])
        ],
        Object.values(children),
        valid
      )
    }
    if (schema instanceof z.ZodUnion) {
      const branches = schema.options.map((option) => walk(option as z.ZodType, where, undefined, false))
      return node(typed ? [fault(where, 'of another type', anyValue)] : [], branches, (target, others) => {
        const holder = branches.find((branch) => holding(branch, target))
        return holder ? holder.make(target, others) : fc.oneof(...branches.map((branch) => branch.make(undefined, others)))
      })
    }
    if (schema instanceof z.ZodIntersection) {
      const sides = [schema.def.left, schema.def.right].map((side) => walk(side as z.ZodType, where, undefined, false))
      return node(typed ? [fault(where, 'of another type', anyValue)] : [], sides, (target, others) =>
        // The left side's keys win, as they are the ones it owns.
        fc.tuple(...sides.map((side) => side.make(holding(side, target), others))).map((parts) =>
          made(Object.assign({}, ...parts.map((part) => part.value).reverse()), faultsOf(parts))
        )
      )
    }
    if (schema instanceof z.ZodCustom) {
      const { valid, wrong } = options.custom(schema, where)
      return leaf(where, typed, valid, [fault(where, 'refused', wrong)])
    }
    throw new Error(`${where}: no arbitrary for a zod ${schema.def.type} yet`)
  }

  const root = walk(schema, '', undefined, true)
  return {
    sites: [...root.sites],
    valid: root.make(undefined, false),
    withFault(site) {
      if (!root.sites.has(site)) throw new Error(`no fault ${site}`)
      return root.make(site, true)
    }
  }
}
