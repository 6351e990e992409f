// Reads a Chromium trace (the JSON that Playwright's browser.startTracing writes): the page's
// main thread between two of the probe's marks, as time by kind of work and as its tasks.

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  args?: { name?: string; data?: { url?: string; functionName?: string; requestId?: string; priority?: string } }
}

const kinds: [string, RegExp][] = [
  ['compile', /^(V8\.(Parse|Compile|BytecodeBudgetInterrupt|Deserialize|FlushInstructionCache)|v8\.compile|v8\.produceCache|CompileCode)/],
  ['garbage collection', /GC|Sweep|Scavenge|Mark/],
  ['style', /UpdateLayoutTree|recalcStyle|updateStyle|ParseAuthorStyleSheet|CSSParser|RuleSet|rebuildLayoutTree/],
  ['layout', /Layout|InlineNode|Shape|PrePaint/],
  ['paint', /Paint|Commit|Layerize|Raster|Composit/],
  ['HTML', /^ParseHTML/],
  ['script', /FunctionCall|EvaluateScript|evaluateModule|RunMicrotasks|TimerFire|FireAnimationFrame|EventDispatch|v8\.|V8\.|FireIdleCallback|ResizeObserver|XHR|Fetch/]
]
const kindOf = (name: string) => kinds.find(([, pattern]) => pattern.test(name))?.[0] ?? 'other'
const isTask = (event: TraceEvent) => event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask'

export interface TraceSummary {
  /** ms between the two marks. */
  span: number
  /** Main-thread ms by kind of work (each event's own time, without what runs inside it). */
  byKind: Record<string, number>
  /** The main thread's tasks of at least 0.3 ms: start (ms after the first mark), length, what ran in it. */
  tasks: { start: number; ms: number; what: string }[]
  /** sayso's and the peers' script requests: sent and finished, ms after the first mark. */
  requests: { file: string; sent: number; finished?: number }[]
}

/** Summarises the main thread from mark `from` (or navigation start) to mark `to`. */
export const summarizeTrace = ({ traceEvents }: { traceEvents: TraceEvent[] }, from: string | 'navigationStart', to: string): TraceSummary => {
  const end = traceEvents.find((event) => event.name === to)
  if (!end) throw new Error(`the trace has no mark ${to}`)
  const { pid, tid } = end
  const start = traceEvents.filter((event) => event.name === from && event.pid === pid).at(-1)
  if (!start) throw new Error(`the trace has no ${from}`)
  const ms = (ts: number) => (ts - start.ts) / 1000
  const events = traceEvents
    .filter((event) => event.pid === pid && event.tid === tid && event.ph === 'X' && event.dur !== undefined && event.ts + event.dur! >= start.ts && event.ts <= end.ts)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)

  // Each event's own time: its length less that of the events directly inside it.
  const inner = new Map<TraceEvent, number>()
  const open: TraceEvent[] = []
  for (const event of events) {
    while (open.length && open.at(-1)!.ts + open.at(-1)!.dur! <= event.ts) open.pop()
    const parent = open.at(-1)
    if (parent) inner.set(parent, (inner.get(parent) ?? 0) + event.dur!)
    open.push(event)
  }
  const byKind: Record<string, number> = {}
  for (const event of events) {
    const kind = isTask(event) ? 'other' : kindOf(event.name)
    byKind[kind] = (byKind[kind] ?? 0) + (event.dur! - (inner.get(event) ?? 0)) / 1000
  }

  const describe = (event: TraceEvent) => {
    const { url, functionName } = event.args?.data ?? {}
    return `${event.name}${url ? `(${url.split('/').pop()})` : ''}${functionName ? `[${functionName}]` : ''} ${(event.dur! / 1000).toFixed(1)}`
  }
  const tasks = events
    .filter((event) => isTask(event) && event.dur! >= 300)
    .map((task) => ({
      start: ms(task.ts),
      ms: task.dur! / 1000,
      what: events
        .filter((event) => !isTask(event) && event.ts >= task.ts && event.ts + event.dur! <= task.ts + task.dur! && event.dur! >= 200)
        .slice(0, 5)
        .map(describe)
        .join(', ')
    }))

  const requests = traceEvents
    .filter((event) => event.name === 'ResourceSendRequest' && event.pid === pid && /\/(sayso|peers)/.test(event.args?.data?.url ?? ''))
    .map((sent) => {
      const finished = traceEvents.find((event) => event.name === 'ResourceFinish' && event.args?.data?.requestId === sent.args!.data!.requestId)
      return { file: sent.args!.data!.url!.split('/').pop()!, sent: ms(sent.ts), finished: finished && ms(finished.ts) }
    })
  return { span: ms(end.ts), byKind, tasks, requests }
}
