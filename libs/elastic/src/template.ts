import type { Client } from '@elastic/elasticsearch';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ElasticError } from './errors';
import { assertIndexPrefix, indexPattern } from './index-name';

/** The repository's index template (`infra/elastic/index-template.json`), from src/ or dist/. */
export const INDEX_TEMPLATE_PATH = path.resolve(__dirname, '..', '..', '..', 'infra', 'elastic', 'index-template.json');

/** A composable index template body as `PUT _index_template/<name>` takes it. */
export interface IndexTemplateBody {
  /** Index patterns the template applies to. */
  index_patterns: string[];
  /** Wins over built-in templates (the full distribution's `logs-*-*` has 100). */
  priority: number;
  /** Our template version (bumped on mapping changes). */
  version: number;
  /** Description, owner and content checksum. */
  _meta: Record<string, unknown>;
  /** Settings and mappings. */
  template: { settings?: Record<string, unknown>; mappings: Record<string, unknown> };
}

/** What {@link installIndexTemplate} did. */
export interface InstallResult {
  /** Template name (the index prefix). */
  name: string;
  /** `created` (was absent), `updated` (differed), `unchanged` (same checksum: no write). */
  action: 'created' | 'updated' | 'unchanged';
  /** Checksum of the installed body (`_meta.checksum`). */
  checksum: string;
  /**
   * After a write: whether the new fields were added to the existing indices too (`added`), or
   * why not (their old mapping conflicts; they keep it and the next daily index gets the new one).
   */
  existingIndices?: 'added' | { failed: string };
}

/**
 * Reads the template file and aims it at `${prefix}-*`, with `_meta.checksum` (sha256 of
 * the canonical body) so installers can tell whether the cluster already has it.
 * Throws {@link ElasticError} `TEMPLATE_UNREADABLE` or `INVALID_INDEX_PREFIX`.
 */
export function loadIndexTemplate(prefix: string, templatePath: string = INDEX_TEMPLATE_PATH): IndexTemplateBody {
  assertIndexPrefix(prefix);
  let body: IndexTemplateBody;
  try {
    body = JSON.parse(readFileSync(templatePath, 'utf8')) as IndexTemplateBody;
  } catch (err) {
    throw new ElasticError('TEMPLATE_UNREADABLE', `cannot read index template ${templatePath}: ${(err as Error).message}`, { cause: err });
  }
  if (typeof body !== 'object' || body === null || typeof body.template !== 'object' || typeof body.template.mappings !== 'object') {
    throw new ElasticError('TEMPLATE_UNREADABLE', `index template ${templatePath} has no template.mappings`);
  }
  const aimed: IndexTemplateBody = { ...body, index_patterns: [indexPattern(prefix)], _meta: { ...body._meta } };
  delete aimed._meta['checksum'];
  aimed._meta['checksum'] = checksumOf(aimed);
  return aimed;
}

/**
 * Installs the index template for `prefix` idempotently: reads the cluster's template of
 * that name and writes only when absent or its checksum differs. Indices that already
 * exist keep their mappings; the next daily index gets the new ones.
 */
export async function installIndexTemplate(client: Client, prefix: string, templatePath?: string): Promise<InstallResult> {
  const body = loadIndexTemplate(prefix, templatePath);
  const checksum = body._meta['checksum'] as string;
  const existing = await currentChecksum(client, prefix);
  if (existing === checksum) return { name: prefix, action: 'unchanged', checksum };
  try {
    await client.indices.putIndexTemplate({ name: prefix, ...body } as Parameters<Client['indices']['putIndexTemplate']>[0]);
  } catch (err) {
    throw new ElasticError('REQUEST_FAILED', `PUT _index_template/${prefix} failed: ${(err as Error).message}`, { cause: err });
  }
  // Mappings only grow between versions: add the new fields to today's (and older) indices,
  // so queries on them (e.g. collapsing on anomaly.group) work before the next daily index.
  let existingIndices: InstallResult['existingIndices'];
  try {
    await client.indices.putMapping({
      index: indexPattern(prefix),
      ignore_unavailable: true,
      allow_no_indices: true,
      properties: body.template.mappings['properties'] as Record<string, never>,
    });
    existingIndices = 'added';
  } catch (err) {
    existingIndices = { failed: (err as Error).message };
  }
  return { name: prefix, action: existing === undefined ? 'created' : 'updated', checksum, existingIndices };
}

/** Checksum of the installed template; null when it exists without one; undefined when absent. */
async function currentChecksum(client: Client, name: string): Promise<string | null | undefined> {
  try {
    const res = await client.indices.getIndexTemplate({ name });
    const found = res.index_templates.find((t) => t.name === name);
    if (!found) return undefined;
    const value = found.index_template._meta?.['checksum'];
    return typeof value === 'string' ? value : null;
  } catch (err) {
    if ((err as { meta?: { statusCode?: number } }).meta?.statusCode === 404) return undefined;
    throw new ElasticError('REQUEST_FAILED', `GET _index_template/${name} failed: ${(err as Error).message}`, { cause: err });
  }
}

/** sha256 of a JSON value with object keys sorted (stable across key order). */
export function checksumOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
