import type { Client } from '@elastic/elasticsearch';
import { ElasticError } from './errors';
import { expiredIndices } from './index-name';
import { listIndices } from './documents';

/**
 * Retention without ILM (the core server has none): deletes the prefix's daily indices
 * whose whole day is older than `retentionDays` before `now`, by exact name. Returns the
 * names deleted.
 */
export async function deleteExpiredIndices(client: Client, prefix: string, retentionDays: number, now: Date): Promise<string[]> {
  const doomed = expiredIndices(prefix, await listIndices(client, prefix), retentionDays, now);
  for (const index of doomed) {
    try {
      await client.indices.delete({ index });
    } catch (err) {
      throw new ElasticError('REQUEST_FAILED', `deleting expired index ${index} failed: ${(err as Error).message}`, { cause: err });
    }
  }
  return doomed;
}
