/** Status view: detector model and learning progress, spool depth, Elasticsearch, ingest and flag rates — the same sources as /metrics. */
import type { StatusReply } from '@log-sentinel/console-api';
import { getJson } from './api';
import { num } from './format';
import { usePolled } from './hooks';

/** The Status view. */
export function StatusView() {
  const st = usePolled(() => getJson<StatusReply>('/api/status'), [], 5000);
  if (st.error) return <p class="error">Cannot load the status: {st.error.message}</p>;
  const s = st.data;
  if (!s) return <p class="muted">loading…</p>;
  return (
    <section>
      <header class="view-head">
        <h2>Status</h2>
        <span class={`chip ${s.ready ? 'ok' : 'bad'}`}>{s.ready ? 'ready' : 'not ready'}</span>
        <span class="muted">up {num(s.uptime_seconds)} s</span>
      </header>
      <div class="cards" data-testid="status">
        {s.detectors.map((d) => (
          <div class="card">
            <h3>Detector {d.addr}</h3>
            {d.model ? (
              <>
                <p>
                  model <b data-testid="model-version">{d.model.version || '(none yet)'}</b> · {d.model.status}
                </p>
                {d.model.status === 'learning' ? (
                  <div>
                    <progress max={d.model.learning_target || 1} value={d.model.learning_records} />{' '}
                    <span class="muted">
                      learning: {num(d.model.learning_records)} / {num(d.model.learning_target)} records
                    </span>
                  </div>
                ) : (
                  <p class="muted">
                    {num(d.model.templates)} templates, vocabulary {num(d.model.vocabulary)}
                  </p>
                )}
                {d.model.warnings.map((w) => (
                  <p class="warn">{w}</p>
                ))}
              </>
            ) : (
              <p class="bad">unreachable: {d.error}</p>
            )}
            <p class="muted">breaker {d.breaker}</p>
          </div>
        ))}
        {s.detectors.length === 0 ? (
          <div class="card">
            <h3>Detector</h3>
            <p class="muted">turned off (DETECTOR_ADDR=off)</p>
          </div>
        ) : null}
        <div class="card">
          <h3>Elasticsearch</h3>
          <p class={s.elasticsearch === 'reachable' ? 'ok' : s.elasticsearch === 'disabled' ? 'muted' : 'bad'} data-testid="elasticsearch">
            {s.elasticsearch}
          </p>
          <p class="muted">{num(s.totals.indexed)} records indexed</p>
        </div>
        <div class="card">
          <h3>Spool</h3>
          <p>
            <b data-testid="spool-depth">{num(s.spool.depth_records)}</b> records waiting · {num(s.spool.bytes / 1024, 1)} KiB
          </p>
          <p class="muted">spool {s.checks['spool']}</p>
        </div>
        <div class="card">
          <h3>Rates (last {s.rates.window_seconds} s)</h3>
          <p>
            ingest <b data-testid="ingest-rate">{num(s.rates.received_per_second, 1)}</b>/s · flagged <b>{num(s.rates.flagged_per_second, 2)}</b>/s · indexed {num(s.rates.indexed_per_second, 1)}/s
          </p>
          <p class="muted">
            since start: {num(s.totals.received)} received, {num(s.totals.flagged)} flagged, {num(s.totals.pending)} pending, {num(s.totals.session_verdicts)} session verdicts, {num(s.totals.rejected)} rejected
          </p>
        </div>
        <div class="card">
          <h3>Local anomaly store</h3>
          <p>{num(s.anomaly_store.records)} flagged documents</p>
        </div>
      </div>
    </section>
  );
}
