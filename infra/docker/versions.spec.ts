// The local node, the Docker images and the JS client must stay on one Elasticsearch
// version (DESIGN.md: "The JS client's major version must equal the server's").
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

describe('Elasticsearch versions', () => {
  const local = /ES_VERSION="\$\{LOG_SENTINEL_ES_VERSION:-([0-9.]+)\}"/.exec(read('infra/elastic/es.sh'))?.[1];
  const compose = read('docker-compose.yml');

  it('docker-compose uses the local node’s version for Elasticsearch and Kibana', () => {
    expect(local).toMatch(/^8\.19\.\d+$/);
    expect(compose).toContain(`docker.elastic.co/elasticsearch/elasticsearch:${local}`);
    expect(compose).toContain(`docker.elastic.co/kibana/kibana:${local}`);
    expect(read('infra/elastic/pom.xml')).toContain(`<es.version>${local}</es.version>`);
  });

  it('the JS client has the server’s major and minor', () => {
    const [major, minor] = local!.split('.');
    const range = (JSON.parse(read('libs/elastic/package.json')) as { dependencies: Record<string, string> }).dependencies['@elastic/elasticsearch'];
    expect(range).toBe(`~${major}.${minor}.1`);
    const installed = (JSON.parse(read('node_modules/@elastic/elasticsearch/package.json')) as { version: string }).version;
    expect(installed.split('.').slice(0, 2)).toEqual([major, minor]);
  });

  it('the images build the apps the compose file names, as a non-root user with health checks', () => {
    const dockerfile = read('infra/docker/Dockerfile');
    for (const target of ['detector', 'collector']) {
      expect(dockerfile).toMatch(new RegExp(`^FROM runtime AS ${target}$`, 'm'));
      expect(compose).toMatch(new RegExp(`target: ${target}\\b`));
    }
    expect(dockerfile.match(/^USER node$/gm)).toHaveLength(2);
    expect(dockerfile.match(/^HEALTHCHECK /gm)).toHaveLength(2);
  });
});
