import type { Client } from '@elastic/elasticsearch';

/** Cluster health colour, or `unreachable` when the request failed. */
export type ClusterStatus = 'green' | 'yellow' | 'red' | 'unreachable';

/** `_cluster/health` status; never throws (unreachable is a status, for readiness probes). */
export async function clusterStatus(client: Client, timeoutMs = 2000): Promise<ClusterStatus> {
  try {
    const res = await client.cluster.health({}, { requestTimeout: timeoutMs, maxRetries: 0 });
    return res.status.toLowerCase() as ClusterStatus;
  } catch {
    return 'unreachable';
  }
}
