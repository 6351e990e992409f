import type pg from 'pg'

/**
 * Runs `work` on one connection between BEGIN and COMMIT (ROLLBACK when it throws). A
 * connection that fails meanwhile is destroyed rather than handed back to the pool.
 */
export const transaction = async <T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
  const client = await pool.connect()
  // A connection the database closes while it is held here fails the query under way;
  // without a listener its 'error' event would also end the process.
  const lost = () => {}
  client.on('error', lost)
  let failure: Error | undefined
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    failure = error as Error
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.off('error', lost)
    client.release(failure)
  }
}
