/**
 * Patterns view: every template with its volume over time (a plot per template, a stacked
 * overview of the largest ones, new templates marked), searchable; a template opens its
 * example lines with their parameters.
 */
import type { PatternExamplesReply, PatternsReply } from '@log-sentinel/console-api';
import { useState } from 'preact/hooks';
import { getJson } from './api';
import { Choice, type ChoiceOption } from './controls';
import { num, shortTime, templateParts } from './format';
import { usePolled } from './hooks';
import { Bars, PALETTE, Stacked } from './plot';

const RANGES: ChoiceOption[] = [
  ['fit', 'fit to the last 24 h of data'],
  ['15m', '15 min'],
  ['1h', '1 hour'],
  ['6h', '6 hours'],
  ['24h', '24 hours'],
];

/** Series shown separately in the stacked overview; the rest is "other". */
const STACKED = 8;

function Template(props: { text: string }) {
  return (
    <code class="template">
      {templateParts(props.text).map((p) => (p.slot ? <span class="slot">{p.text}</span> : p.text))}
    </code>
  );
}

/** Patterns of a range; `fit`: the last 24 hours, then again over the span that has records (about 60 buckets). */
async function loadPatterns(since: string, search: string): Promise<PatternsReply> {
  const wide = await getJson<PatternsReply>('/api/patterns', { since: since === 'fit' ? '24h' : since, q: search, limit: 200 });
  if (since !== 'fit' || wide.data.length === 0) return wide;
  const first = Math.min(...wide.data.map((s) => Date.parse(s.first_seen)));
  const last = Math.max(...wide.data.map((s) => Date.parse(s.last_seen)));
  const pad = Math.max(10_000, (last - first) * 0.05);
  return getJson<PatternsReply>('/api/patterns', { start: new Date(first - pad).toISOString(), end: new Date(last + pad).toISOString(), q: search, limit: 200 });
}

/** The Patterns view; `selected` is a template id from the address (#/patterns/ID). */
export function PatternsView(props: { selected: string | undefined }) {
  const [since, setSince] = useState('fit');
  const [search, setSearch] = useState('');
  const patterns = usePolled(() => loadPatterns(since, search), [since, search], 10_000);
  const data = patterns.data?.data ?? [];
  const top = data.slice(0, STACKED);
  const rest = data.slice(STACKED);
  const stacked = top.map((s) => ({ name: `${s.template_id} ${s.pattern.slice(0, 40)}`, samples: s.samples }));
  if (rest.length) stacked.push({ name: `${rest.length} other templates`, samples: rest[0].samples.map(([t], i) => [t, rest.reduce((n, s) => n + s.samples[i][1], 0)] as [number, number]) });
  return (
    <section>
      <header class="view-head">
        <h2>Patterns</h2>
        <input type="search" placeholder="search templates…" value={search} onInput={(e) => setSearch((e.target as HTMLInputElement).value)} aria-label="search templates" />
        <Choice label="Range" value={since} options={RANGES} onChange={setSince} />
        <span class="muted">
          {patterns.data ? `${data.length} templates · ${patterns.data.range.step_seconds} s buckets · from ${patterns.data.source}` : 'loading…'}
        </span>
      </header>
      {patterns.error ? <p class="error">Cannot load patterns: {patterns.error.message}</p> : null}
      {patterns.data ? <Stacked series={stacked} /> : null}
      {props.selected ? <PatternDetail templateId={props.selected} series={data.find((s) => s.template_id === props.selected)} /> : null}
      <table class="patterns" data-testid="patterns">
        <thead>
          <tr>
            <th>template</th>
            <th class="num">records</th>
            <th class="num">flagged</th>
            <th>volume</th>
          </tr>
        </thead>
        <tbody>
          {data.map((s, i) => (
            <tr class={`${s.template_id === props.selected ? 'selected' : ''} ${s.flagged ? 'has-flagged' : ''}`} data-template={s.template_id}>
              <td>
                <a href={`#/patterns/${encodeURIComponent(s.template_id)}`}>
                  {s.new ? <span class="chip new">new</span> : null}
                  <span class="tid">{s.template_id}</span> <Template text={s.pattern} />
                </a>
              </td>
              <td class="num">{num(s.total)}</td>
              <td class="num">{s.flagged ? <b>{num(s.flagged)}</b> : 0}</td>
              <td>
                <Bars samples={s.samples} color={PALETTE[Math.min(i, STACKED)]} label={`records of ${s.template_id} per bucket`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PatternDetail(props: { templateId: string; series: PatternsReply['data'][number] | undefined }) {
  const ex = usePolled(() => getJson<PatternExamplesReply>(`/api/patterns/${encodeURIComponent(props.templateId)}/examples`, { limit: 10 }), [props.templateId]);
  return (
    <div class="pattern-detail" data-testid="pattern-detail">
      <h3>
        {props.templateId} <Template text={ex.data?.pattern ?? props.series?.pattern ?? ''} />
      </h3>
      {props.series ? (
        <p class="muted">
          {num(props.series.total)} records, {num(props.series.flagged)} flagged; first {shortTime(props.series.first_seen)}, last {shortTime(props.series.last_seen)}
          {props.series.new ? ' · new template' : ''}
        </p>
      ) : null}
      {props.series ? <Bars samples={props.series.samples} width={900} height={80} label={`records of ${props.templateId} per bucket`} /> : null}
      {ex.error ? <p class="error">{ex.error.message}</p> : null}
      <table class="examples">
        <thead>
          <tr>
            <th>time</th>
            <th>line</th>
            <th>parameters</th>
          </tr>
        </thead>
        <tbody>
          {ex.data?.examples.map((e) => (
            <tr class={e.is_anomaly ? 'flagged' : ''}>
              <td>{shortTime(e.timestamp)}</td>
              <td>
                <code>{e.message}</code>
                {e.session_id ? (
                  <a class="chip session" href={`#/sessions/${encodeURIComponent(e.session_id)}`}>
                    {e.session_id}
                  </a>
                ) : null}
              </td>
              <td>
                {e.params.map((p, i) => (
                  <span class="chip param" title={`parameter ${i + 1}`}>
                    {p}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
