// `npm start`: the collector alone, every setting from the environment (README, "Running it in production").
import { createCollector } from './create-collector'
import { runCollector } from './run-collector'

await runCollector({
  server: createCollector,
  banner: (settings, dashboard) => [
    dashboard.made
      ? `dashboard ${settings.publicUrl}/dashboard#token=${dashboard.token} (a token made at this start: set DASHBOARD_TOKEN to keep one)`
      : `dashboard ${settings.publicUrl}/dashboard#token=<DASHBOARD_TOKEN>`
  ]
})
