// Breaks the outbox on purpose, one way at a time, and shows which tests catch each break:
// a test that no break turns red guards nothing. Each mutation is applied to a copy of the
// sources in a temporary folder (the checkout is never touched), the outbox's unit tests run
// there, and a table says what failed.
//
//   node scripts/mutate-outbox.mjs              every mutation
//   node scripts/mutate-outbox.mjs twice stale  the mutations whose names contain these words
//
// It exits non-zero when a mutation survives (no test fails), when one no longer applies to
// the code (its text was not found: update it with the code), or when the unbroken copy fails.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const tests = [
  'test/unit/reliability.test.ts',
  'test/unit/answer-store.test.ts',
  'test/unit/outbox-model.test.ts',
  'test/unit/result-of.test.ts'
]
const outbox = 'src/outbox/create-outbox.ts'
const store = 'src/outbox/create-answer-store.ts'

/** What each mutation breaks: in `file`, `find` (found exactly once) becomes `replace`. */
const mutations = [
  {
    name: 'send each answer twice',
    file: outbox,
    find: 'const result = await deliver(batch, false)',
    replace: 'await deliver(batch, false)\n    const result = await deliver(batch, false)'
  },
  {
    name: 'delete before the reply',
    file: outbox,
    find: '    const result = await deliver(batch, false)',
    replace: '    batch.forEach(store.remove)\n    const result = await deliver(batch, false)'
  },
  {
    name: 'ignore Retry-After',
    file: outbox,
    find: 'if (wait === undefined) schedule(limit.backoff(attempt++))',
    replace: 'if (wait !== -1) schedule(limit.backoff(attempt++))'
  },
  {
    name: 'a long Retry-After stops silently',
    file: outbox,
    find: 'else if (wait > limit.MAX_WAIT_MS) stop(batch, messages.longWait(status), status)',
    replace: "else if (wait > limit.MAX_WAIT_MS) state = 'stopped'"
  },
  {
    name: 'a second tab sends a claimed answer',
    file: outbox,
    find: 'return !!claim && claim.tab != tab && claim.until > now && claim.until <= now + limit.CLAIM_MS',
    replace: 'return false'
  },
  {
    name: 'drop on 5xx',
    file: outbox,
    find: '      backOff(batch, retryAfterMs, status)\n      return false',
    replace: "      drop(batch, 'rejected', 'dropped on a 5xx', status)\n      return true"
  },
  {
    name: 'retry at once, no backoff',
    file: outbox,
    find: 'if (wait === undefined) schedule(limit.backoff(attempt++))',
    replace: 'if (wait === undefined) schedule(0)'
  },
  {
    name: 'a refusal naming the bad answers is not read',
    file: outbox,
    find: 'const named = batch.filter((answer) => rejected.includes(answer.id))',
    replace: 'const named = batch.filter(() => false && rejected)'
  },
  {
    name: 'split with no pause',
    file: outbox,
    find: '      batchLimit = Math.ceil(batch.length / 2)\n      schedule(limit.backoff(attempt++))\n      return false',
    replace: '      batchLimit = Math.ceil(batch.length / 2)\n      return true'
  },
  {
    name: 'drop an answer refused alone by an endpoint that stored nothing',
    file: outbox,
    find: 'if (!accepted) {',
    replace: 'if (accepted && !accepted) {'
  },
  {
    name: 'send twice on one departure',
    file: outbox,
    find: 'left.has(copyOf(answer)) || ',
    replace: ''
  },
  {
    name: 'send on leaving while offline',
    file: outbox,
    find: "if (state == 'stopped' || state == 'destroyed' || !online()) return",
    replace: "if (state == 'stopped' || state == 'destroyed') return"
  },
  {
    name: 'go on sending after going offline',
    file: outbox,
    find: '    if (!online()) return false\n',
    replace: ''
  },
  {
    name: 'remove an answer while an older copy is on the way',
    file: outbox,
    find: 'answers.filter((answer) => !carried(answer)).forEach(store.remove)',
    replace: 'answers.forEach(store.remove)'
  },
  {
    name: 'an unloading page leaves a stale copy to the next page soon',
    file: outbox,
    find: '.filter((answer) => !olderOnTheWay(answer))',
    replace: ''
  },
  {
    name: 'values JSON cannot carry are not left out',
    file: outbox,
    find: 'const { answer, leftOut } = storableCopy(given)',
    replace: 'const { answer, leftOut } = { answer: given, leftOut: [] as string[] }'
  },
  {
    name: 'a request body over 32 KiB',
    file: 'src/outbox/batches-of.ts',
    find: 'bytes = ENVELOPE_BYTES + size',
    replace: 'bytes = size'
  },
  {
    name: 'claiming rewrites the answer',
    file: store,
    find: 'answers.forEach((answer) => write(claimed + answer.id, claim))',
    replace: 'answers.forEach((answer) => write(claimed + answer.id, claim) && write(prefix + answer.id, { answer }))'
  },
  {
    name: 'a newer copy is removed by the reply to an older one',
    file: store,
    find: 'if (!same(answerIn(read(prefix + answer.id)), answer)) return',
    replace: ''
  },
  {
    name: 'claims that outlived a clock set back still hold',
    file: outbox,
    find: ' && claim.until <= now + limit.CLAIM_MS',
    replace: ''
  },
  {
    name: 'the old keys: one endpoint a prefix of another',
    file: 'src/outbox/queue-prefix.ts',
    find: 'export const inKey = (scope: string): string => scope.replace(/[%:]/g, encodeURIComponent)',
    replace: 'export const inKey = (scope: string): string => scope'
  },
  {
    name: "the previous version's answers are not moved over",
    file: store,
    find: 'if (legacy != prefix) {',
    replace: 'if (legacy != prefix && !legacy) {'
  },
  {
    name: 'drop on 401',
    file: outbox,
    find: '    stop(batch, messages.stopped(status), status)\n    return false\n  }\n\n  // Send',
    replace: "    drop(batch, 'rejected', 'dropped on a 401', status)\n    return true\n  }\n\n  // Send"
  },
  {
    name: 'no bound on the queue',
    file: 'src/outbox/trim-to-bounds.ts',
    find: 'while (kept.length > MAX_COUNT || bytes > MAX_BYTES) {',
    replace: 'while (kept.length > MAX_COUNT * 10 && bytes > MAX_BYTES) {'
  },
  {
    name: 'a refused beacon is not tried in halves',
    file: 'src/outbox/beam-in-halves.ts',
    find: 'if (beacon(batch) || batch.length == 1) return',
    replace: 'if (beacon(batch) || batch.length) return'
  },
  {
    name: "keepalive beyond sayso's 32 KiB",
    file: outbox,
    find: 'keepaliveBytes + limit.byteLength(batch) <= limit.KEEPALIVE_BYTES',
    replace: 'keepaliveBytes >= 0'
  },
  {
    name: 'expire by a clock set back',
    file: 'src/outbox/trim-to-bounds.ts',
    find: 'now - Date.parse(entry.answer.createdAt) > MAX_AGE_MS',
    replace: 'Math.abs(now - Date.parse(entry.answer.createdAt)) > MAX_AGE_MS'
  }
]

const wanted = process.argv.slice(2)
const chosen = mutations.filter((mutation) => !wanted.length || wanted.some((word) => mutation.name.includes(word)))

// A copy of what the unit tests need, with node_modules linked rather than copied.
const copy = () => {
  const folder = mkdtempSync(join(tmpdir(), 'sayso-mutant-'))
  for (const path of ['src', 'test/unit', 'collector', 'scripts']) cpSync(join(root, path), join(folder, path), { recursive: true })
  for (const file of ['package.json', 'vitest.config.ts', 'tsconfig.json', 'tsconfig.node.json']) cpSync(join(root, file), join(folder, file))
  symlinkSync(join(root, 'node_modules'), join(folder, 'node_modules'), 'dir')
  return folder
}

// Runs the outbox's tests in `folder`; the names of those that failed (the model test's
// first, as it is the one that sees most), or why none ran.
const run = (folder) => {
  const report = join(folder, 'report.json')
  const result = spawnSync('npx', ['vitest', 'run', '--project', 'unit', '--reporter=json', `--outputFile=${report}`, ...tests], {
    cwd: folder,
    encoding: 'utf8',
    // A break can make the outbox send in an endless loop that never yields to the test's timer.
    timeout: 240_000,
    env: { ...process.env, SAYSO_MODEL_RUNS: process.env.SAYSO_MODEL_RUNS ?? '150' }
  })
  if (result.error?.code === 'ETIMEDOUT') return { hung: true, failed: [] }
  try {
    const { testResults } = JSON.parse(readFileSync(report, 'utf8'))
    const failed = testResults
      .flatMap((file) => file.assertionResults.filter((test) => test.status === 'failed').map((test) => `${file.name.split('/').pop()}: ${test.title}`))
      .sort((a, b) => Number(b.startsWith('outbox-model')) - Number(a.startsWith('outbox-model')))
    return { hung: false, failed, crashed: !failed.length && result.status !== 0 ? result.stderr.slice(-400) : undefined }
  } catch {
    return { hung: false, failed: [], crashed: (result.stderr || result.stdout).slice(-400) }
  }
}

const rows = []
let trouble = false
const baseline = copy()
try {
  const { failed, crashed, hung } = run(baseline)
  if (failed.length || crashed || hung) {
    console.error('The unbroken outbox does not pass its tests:', failed, crashed ?? '', hung ? '(hung)' : '')
    process.exit(1)
  }
} finally {
  rmSync(baseline, { recursive: true, force: true })
}

for (const mutation of chosen) {
  const folder = copy()
  try {
    const path = join(folder, mutation.file)
    const text = readFileSync(path, 'utf8')
    const found = text.split(mutation.find).length - 1
    if (found !== 1) {
      rows.push([mutation.name, `does not apply: its text is found ${found} times in ${mutation.file}`])
      trouble = true
      continue
    }
    writeFileSync(path, text.replace(mutation.find, mutation.replace))
    const { failed, crashed, hung } = run(folder)
    const caught = hung ? ['(the tests hung: the break sends in an endless loop)'] : failed.length ? failed : crashed ? [`(no test ran: ${crashed.trim()})`] : []
    if (!failed.length && !hung) trouble = true
    const named = caught.length > 3 ? [...caught.slice(0, 3), `and ${caught.length - 3} more`] : caught
    rows.push([mutation.name, caught.length ? `${caught.length}: ${named.join('; ')}` : 'SURVIVED: no test failed'])
    process.stdout.write(`${mutation.name}: ${caught.length ? `caught by ${caught.length}` : 'SURVIVED'}\n`)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

console.log('\n| mutation | caught by |\n|---|---|')
for (const [name, caught] of rows) console.log(`| ${name} | ${caught.replace(/\|/g, '\\|')} |`)
process.exit(trouble ? 1 : 0)
