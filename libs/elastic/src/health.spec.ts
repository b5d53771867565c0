import { createElasticClient } from './client';
import { clusterStatus } from './health';

describe('clusterStatus', () => {
  it('reports an address where nothing listens as unreachable instead of throwing', async () => {
    const client = createElasticClient({ node: 'http://127.0.0.1:1', maxRetries: 0 });
    await expect(clusterStatus(client, 500)).resolves.toBe('unreachable');
    await client.close();
  });
});
