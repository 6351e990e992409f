import { IncomingMessage } from 'node:http'

/**
 * The same request again, its body already read: the demo reads an answer batch
 * to log its ids and decide its fault, then hands the collector this copy, which
 * reads like the original.
 */
export const replayRequest = (request: IncomingMessage, body: Buffer): IncomingMessage => {
  const copy = new IncomingMessage(request.socket)
  copy.method = request.method
  copy.url = request.url
  copy.httpVersion = request.httpVersion
  copy.headers = request.headers
  copy.rawHeaders = request.rawHeaders
  // Complete, like a request whose body has all arrived: an incomplete one, once read, would
  // count as aborted and take the shared connection down with it.
  copy.complete = true
  copy.push(body)
  copy.push(null)
  return copy
}
