/** Sessions view: recent sessions (flagged first) and one session's timeline of templates, the flagged steps highlighted. */
import type { SessionReply, SessionsReply } from '@log-sentinel/console-api';
import { getJson } from './api';
import { num, shortTime, whyFlagged } from './format';
import { usePolled } from './hooks';

/** The Sessions view; `selected` is a session id from the address (#/sessions/ID). */
export function SessionsView(props: { selected: string | undefined }) {
  const list = usePolled(() => getJson<SessionsReply>('/api/sessions', { since: '24h', limit: 100 }), [], 10_000);
  return (
    <section class="sessions-view">
      <header class="view-head">
        <h2>Sessions</h2>
        <span class="muted">{list.data ? `${list.data.sessions.length} recent sessions · from ${list.data.source}` : 'loading…'}</span>
      </header>
      {list.error ? <p class="error">Cannot load sessions: {list.error.message}</p> : null}
      <div class="split">
        <ul class="session-list">
          {list.data?.sessions.map((s) => (
            <li class={`${s.session_id === props.selected ? 'selected' : ''} ${s.verdict_anomaly || s.flagged_records ? 'flagged' : ''}`}>
              <a href={`#/sessions/${encodeURIComponent(s.session_id)}`}>
                <b>{s.session_id}</b>
                <span class="muted">
                  {num(s.records)} records{s.flagged_records ? `, ${s.flagged_records} flagged` : ''}
                  {s.verdict_anomaly === undefined ? ' · open' : s.verdict_anomaly ? ' · closed: anomalous' : ' · closed: normal'}
                </span>
              </a>
            </li>
          ))}
        </ul>
        <div class="timeline-pane">{props.selected ? <Timeline id={props.selected} /> : <p class="muted">Pick a session to see its timeline.</p>}</div>
      </div>
    </section>
  );
}

function Timeline(props: { id: string }) {
  const s = usePolled(() => getJson<SessionReply>(`/api/sessions/${encodeURIComponent(props.id)}`), [props.id], 10_000);
  if (s.error) return <p class="error">{s.error.message}</p>;
  if (!s.data) return <p class="muted">loading…</p>;
  const v = s.data.verdict;
  return (
    <div data-testid="timeline">
      <h3>Session {s.data.session_id}</h3>
      <ol class="timeline">
        {s.data.steps.map((st, i) => (
          <li class={st.is_anomaly ? 'flagged' : ''} data-event-id={st.event_id}>
            <span class="step">{i + 1}</span>
            <span class="muted">{shortTime(st.timestamp)}</span>
            <span class="tid">{st.template_id ?? '—'}</span>
            <code>{st.template ?? st.message}</code>
            {st.is_anomaly ? (
              <div class="why">
                {whyFlagged(st.explanation, st.reasons)} <span class="muted">(score {num(st.score, 2)})</span>
              </div>
            ) : null}
          </li>
        ))}
        {v ? (
          <li class={`verdict ${v.anomaly?.is_anomaly ? 'flagged' : 'normal'}`}>
            <span class="step">■</span>
            <b>closed: {v.anomaly?.is_anomaly ? 'anomalous' : 'normal'}</b>
            <span class="muted">
              {' '}
              {shortTime(v['@timestamp'])} · {v.session?.records ?? '?'} records · score {num(v.anomaly?.score ?? 0, 2)}
            </span>
            {v.anomaly?.is_anomaly ? <div class="why">{whyFlagged(v.anomaly.explanation?.text, v.anomaly.reasons)}</div> : null}
          </li>
        ) : null}
      </ol>
    </div>
  );
}
