import { createElasticClient } from './client';
import { ElasticError } from './errors';

describe('createElasticClient', () => {
  it('creates a client for an http(s) URL', async () => {
    const client = createElasticClient({ node: 'http://127.0.0.1:9200', requestTimeoutMs: 5000, maxRetries: 0 });
    expect(client).toBeDefined();
    await client.close();
  });

  it.each([
    [{ node: 'not a url' }, /node must be a URL/],
    [{ node: 'ftp://host:21' }, /http or https/],
    [{ node: 'http://h:9200', requestTimeoutMs: 0 }, /requestTimeoutMs/],
    [{ node: 'http://h:9200', maxRetries: -1 }, /maxRetries/],
    [{ node: 'http://h:9200', username: 'u' }, /together/],
  ])('rejects %j naming the option', (options, message) => {
    expect(() => createElasticClient(options)).toThrow(ElasticError);
    expect(() => createElasticClient(options)).toThrow(message);
  });
});
