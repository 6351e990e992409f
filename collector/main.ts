import { resolve } from 'node:path'
import { createCollector } from './create-collector'
import { createTrouble } from './create-trouble'
import { createSqliteStore } from './sqlite-store'

// Settings come from the environment: PORT, DATABASE_URL, ALLOWED_ORIGINS.
const port = Number(process.env.PORT ?? 8787)
const database = process.env.DATABASE_URL ?? 'data/sayso.db'
const allowedOrigins = (process.env.ALLOWED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean)
const root = resolve(import.meta.dirname, '..')

if (/^postgres(ql)?:\/\//.test(database)) {
  console.error('DATABASE_URL names a PostgreSQL server; this collector stores in SQLite only. Give a file path, such as data/sayso.db.')
  process.exit(2)
}
const store = createSqliteStore(database)
// `--demo` adds the network trouble switch that the demo storefront drives.
const demo = process.argv.includes('--demo')
const server = createCollector({ store, root, allowedOrigins, trouble: demo ? createTrouble() : undefined })

server.listen(port, () => {
  console.log(`sayso collector on http://localhost:${port}/ (answers in ${database})`)
  console.log(`  demo storefront  http://localhost:${port}/`)
  console.log(`  zero-code page   http://localhost:${port}/zero-code`)
  console.log(`  scores           http://localhost:${port}/api/summary`)
})

// Stops taking requests, lets those in flight finish, then closes the database.
const stop = () => {
  server.close(() => void store.close().then(() => process.exit(0)))
  server.closeIdleConnections()
  setTimeout(() => process.exit(1), 10_000).unref()
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
