import type { IncomingMessage, ServerResponse } from 'node:http'

/** What a request asks for: its path, percent-decoded, and its query. */
export interface Target {
  path: string
  query: URLSearchParams
}

/** Answers one request; a rejection is answered by the server (500, or 503 while the database is away). */
export type Route = (request: IncomingMessage, response: ServerResponse, target: Target) => Promise<void> | void

/** One concern's routes (ingest, results, links, files, health): the route for a method and path, if it has one. */
export type Routes = (method: string, path: string) => Route | undefined

/** Routes by exact `METHOD /path`; HEAD is answered as GET (Node sends no body for it). */
export const exactRoutes =
  (table: Record<string, Route>): Routes =>
  (method, path) =>
    table[`${method === 'HEAD' ? 'GET' : method} ${path}`]
