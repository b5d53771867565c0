/**
 * Anomalies view: the newest flagged records and closed-session verdicts, one row per alert
 * group (count, first/last seen, services), each expandable to its documents with the
 * explanation (observed vs expected templates, the session's recent templates), the model
 * version and scores, and the "normal" feedback buttons with their effect.
 */
import type { AnomaliesReply, AnomalyGroupSummary, GroupDocumentsReply, PatternsReply } from '@log-sentinel/console-api';
import type { ElasticLogDocument } from '@log-sentinel/schema';
import { useState } from 'preact/hooks';
import { getJson, postJson } from './api';
import { Choice, type ChoiceOption } from './controls';
import { num, reasonText, shortTime, whyFlagged } from './format';
import { feedbackMarks, rememberMark, usePolled } from './hooks';

interface FeedbackReply {
  accepted: number;
  template_ids: string[];
  model_version: string;
}

const RANGES: ChoiceOption[] = [
  ['1h', 'last hour'],
  ['24h', 'last 24 hours'],
  ['7d', 'last 7 days'],
];

const KINDS: ChoiceOption[] = [
  ['', 'records and sessions'],
  ['record', 'records'],
  ['session', 'closed sessions'],
];

const GROUP_BY: ChoiceOption[] = [
  ['template', 'template'],
  ['group', 'finding (reason and transition)'],
];

function titleOf(d: ElasticLogDocument, count = 1): string {
  if (d.anomaly?.kind === 'session') return `Session ${d.session?.id ?? ''}${count > 1 ? ` and ${count - 1} more like it` : ''}`;
  return d.template?.text || d.anomaly?.explanation?.observed || d.message;
}

/** The Anomalies view. */
export function AnomaliesView() {
  const [since, setSince] = useState('24h');
  const [kind, setKind] = useState('');
  const [by, setBy] = useState('template');
  const [open, setOpen] = useState<string | undefined>(undefined);
  const [marks, setMarks] = useState(feedbackMarks());
  const groups = usePolled(() => getJson<AnomaliesReply>('/api/anomalies', { since, kind, by, limit: 200 }), [since, kind, by], 5000);
  return (
    <section>
      <header class="view-head">
        <h2>Anomalies</h2>
        <Choice label="Range" value={since} options={RANGES} onChange={setSince} />
        <Choice label="Show" value={kind} options={KINDS} onChange={setKind} />
        <Choice label="Group by" value={by} options={GROUP_BY} onChange={setBy} />
        <span class="muted">{groups.data ? `${groups.data.groups.length} groups · from ${groups.data.source}` : 'loading…'}</span>
      </header>
      {groups.error ? <p class="error">Cannot load anomalies: {groups.error.message}</p> : null}
      {groups.data && groups.data.groups.length === 0 ? <p class="empty">Nothing flagged in this range.</p> : null}
      <ul class="groups" data-testid="anomaly-groups">
        {groups.data?.groups.map((g) => (
          <GroupRow
            key={g.group}
            g={g}
            open={open === g.group}
            markedAt={g.latest.template?.id ? marks[g.latest.template.id] : undefined}
            onToggle={() => setOpen(open === g.group ? undefined : g.group)}
            onMarked={(templateId, at) => {
              rememberMark(templateId, at);
              setMarks(feedbackMarks());
            }}
          />
        ))}
      </ul>
    </section>
  );
}

function GroupRow(props: { g: AnomalyGroupSummary; open: boolean; markedAt: string | undefined; onToggle(): void; onMarked(templateId: string, at: string): void }) {
  const { g } = props;
  const d = g.latest;
  const reasons = d.anomaly?.reasons ?? [];
  return (
    <li class={`group ${props.open ? 'open' : ''} ${props.markedAt ? 'marked' : ''}`} data-group={g.group} data-template={d.template?.id ?? ''}>
      <button class="group-head" onClick={props.onToggle} aria-expanded={props.open}>
        <span class={`kind kind-${g.kind}`}>{g.kind}</span>
        <span class="title">{titleOf(d, g.count)}</span>
        <span class="count" title="flagged documents in this group">×{num(g.count)}</span>
        <span class="when" title={`first ${g.first_seen}, last ${g.last_seen}`}>
          {shortTime(g.first_seen)} – {shortTime(g.last_seen)}
        </span>
      </button>
      <div class="group-meta">
        {reasons.map((r) => (
          <span class="chip reason" title={r}>
            {reasonText(r)}
          </span>
        ))}
        {g.services.map((s) => (
          <span class="chip service">{s}</span>
        ))}
        <span class="muted">max score {num(g.max_score, 2)}</span>
        {g.kind === 'session' && d.session?.id ? (
          <a class="chip session" href={`#/sessions/${encodeURIComponent(d.session.id)}`}>
            the session's timeline
          </a>
        ) : null}
        {props.markedAt && d.template?.id ? <MarkEffect templateId={d.template.id} at={props.markedAt} /> : null}
      </div>
      {props.open ? <GroupDetail group={g.group} onMarked={props.onMarked} /> : null}
    </li>
  );
}

/** What happened to a template since it was marked normal: its records since then, and how many were flagged. */
function MarkEffect(props: { templateId: string; at: string }) {
  const since = usePolled(() => getJson<PatternsReply>('/api/patterns', { start: props.at, q: props.templateId, limit: 1000 }), [props.templateId, props.at], 5000);
  const s = since.data?.data.find((x) => x.template_id === props.templateId);
  return (
    <span class="chip normal" data-testid="mark-effect">
      marked normal · since {shortTime(props.at)}: {num(s?.total ?? 0)} records, <b>{num(s?.flagged ?? 0)} flagged</b>
    </span>
  );
}

function GroupDetail(props: { group: string; onMarked(templateId: string, at: string): void }) {
  const docs = usePolled(() => getJson<GroupDocumentsReply>('/api/anomalies/documents', { group: props.group, limit: 20 }), [props.group]);
  if (docs.error) return <p class="error">Cannot load the documents: {docs.error.message}</p>;
  if (!docs.data) return <p class="muted">loading…</p>;
  return (
    <div class="docs">
      {docs.data.documents.map((d) => (
        <DocCard key={d.event.id} d={d} onMarked={props.onMarked} />
      ))}
    </div>
  );
}

/** Each model's view of the record: what the combined score was made of. */
function ModelTable(props: { d: ElasticLogDocument }) {
  const a = props.d.anomaly;
  const reasons = a?.reasons ?? [];
  const m = a?.models;
  if (a?.kind === 'session' || (!m && reasons.length === 0)) return null;
  const flag = (on: boolean) => <span class={on ? 'bad' : 'ok'}>{on ? 'flagged' : 'normal'}</span>;
  return (
    <table class="models" data-testid="models">
      <tbody>
        <tr>
          <th>Drain</th>
          <td>{flag(reasons.includes('drain.new_template'))}</td>
          <td class="muted">{reasons.includes('drain.new_template') ? 'a template never seen before' : 'a known template'}</td>
        </tr>
        {m?.deeplog || reasons.some((r) => r.startsWith('deeplog.')) ? (
          <tr>
            <th>DeepLog</th>
            <td>{flag(m?.deeplog?.is_anomaly ?? reasons.some((r) => r.startsWith('deeplog.')))}</td>
            <td class="muted">
              {m?.deeplog ? (m.deeplog.rank === 0 ? 'a key it never saw in this position' : `rank ${m.deeplog.rank} of its predictions, p=${num(m.deeplog.probability, 3)}`) : ''}
            </td>
          </tr>
        ) : null}
        {m?.iforest || reasons.includes('iforest.outlier') ? (
          <tr>
            <th>Isolation Forest</th>
            <td>{flag(m?.iforest?.is_anomaly ?? reasons.includes('iforest.outlier'))}</td>
            <td class="muted">{m?.iforest ? `score ${num(m.iforest.score, 3)} (threshold ${num(m.iforest.threshold, 3)})` : ''}</td>
          </tr>
        ) : null}
        <tr>
          <th>combined</th>
          <td>
            <b>{num(a?.score ?? 0, 3)}</b>
          </td>
          <td class="muted">model {a?.model_version || '—'}</td>
        </tr>
      </tbody>
    </table>
  );
}

function DocCard(props: { d: ElasticLogDocument; onMarked(templateId: string, at: string): void }) {
  const { d } = props;
  const a = d.anomaly;
  const ex = a?.explanation;
  const isSession = a?.kind === 'session';
  const recent = ex?.recent ?? d.session?.recent_templates ?? [];
  const [result, setResult] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const send = async (body: Record<string, unknown>, what: string): Promise<void> => {
    setBusy(true);
    try {
      const r = await postJson<FeedbackReply>('/api/feedback', body);
      // Counted from the next 10-second bucket (the patterns' resolution): no record before the feedback is counted after it.
      const at = new Date(Math.ceil(Date.now() / 10_000) * 10_000).toISOString();
      setResult(`${what}: ${r.accepted} record(s) learned as normal; model ${r.model_version}${r.template_ids.length ? `; templates ${r.template_ids.join(', ')} are normal now` : ''}`);
      if (d.template?.id) props.onMarked(d.template.id, at);
    } catch (e) {
      setResult(`Feedback failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <article class="doc" data-event-id={d.event.id}>
      <div class="doc-head">
        <span>{shortTime(d['@timestamp'])}</span>
        {d.service?.name ? <span class="chip service">{d.service.name}</span> : null}
        {d.session?.id ? (
          <a href={`#/sessions/${encodeURIComponent(d.session.id)}`} class="chip session">
            session {d.session.id}
          </a>
        ) : null}
        <span class="muted">
          score {num(a?.score ?? 0, 3)} · model {a?.model_version || '—'} · status {a?.status}
        </span>
      </div>
      {isSession ? (
        <p class="msg">
          {d.session?.records ?? '?'} records, {d.session?.flagged_records ?? 0} flagged
        </p>
      ) : (
        <pre class="msg">{d.message}</pre>
      )}
      <div class="explain" data-testid="explanation">
        <p class="why">{whyFlagged(ex?.text, a?.reasons)}</p>
        <ModelTable d={d} />
        {ex?.observed || ex?.expected?.length ? (
          <table class="expected">
            <tbody>
              {ex?.observed ? (
                <tr class="observed">
                  <th>observed</th>
                  <td>
                    <code>{ex.observed}</code>
                  </td>
                  <td />
                </tr>
              ) : null}
              {(ex?.expected ?? []).map((x, i) => (
                <tr>
                  <th>{i === 0 ? 'expected' : ''}</th>
                  <td>
                    <code>{x.template}</code>
                  </td>
                  <td class="muted">p={num(x.probability, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {recent.length ? (
          <div class="recent">
            <span class="muted">The session's recent templates:</span>
            <ol class="trail">
              {recent.map((t) => (
                <li>
                  <code>{t}</code>
                </li>
              ))}
              {!isSession && ex?.observed ? (
                <li class="flagged">
                  <code>{ex.observed}</code>
                </li>
              ) : null}
            </ol>
          </div>
        ) : null}
      </div>
      {!isSession ? (
        <div class="actions">
          <button disabled={busy} onClick={() => void send({ event_ids: [d.event.id], note: 'marked normal in the console' }, 'Record marked normal')}>
            This record is normal
          </button>
          {d.template?.id ? (
            <button disabled={busy} class="primary" data-testid="template-normal" onClick={() => void send({ template_id: d.template!.id, note: 'template marked normal in the console' }, `Template ${d.template!.id} marked normal`)}>
              This template is normal
            </button>
          ) : null}
          {d.template?.id ? <a href={`#/patterns/${encodeURIComponent(d.template.id)}`}>pattern</a> : null}
          {result ? (
            <span class="result" data-testid="feedback-result">
              {result}
            </span>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
