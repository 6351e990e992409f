import type { IncomingMessage } from 'node:http'

export class BodyTooLarge extends Error {}

/** The request body as text; rejects with BodyTooLarge past `limit` bytes without reading on. */
export const readBody = (request: IncomingMessage, limit: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'])
    if (declared > limit) return reject(new BodyTooLarge())
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        request.removeAllListeners('data')
        request.resume()
        return reject(new BodyTooLarge())
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
