/** The web console: four views chosen by the address's hash (#/anomalies, #/patterns[/ID], #/sessions[/ID], #/status). */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { AnomaliesView } from './anomalies';
import { PatternsView } from './patterns';
import { SessionsView } from './sessions';
import { StatusView } from './status';

function route(): { view: string; id: string | undefined } {
  const [, view = 'anomalies', id] = location.hash.replace(/^#/, '').split('/');
  return { view, id: id ? decodeURIComponent(id) : undefined };
}

const VIEWS: Array<[string, string]> = [
  ['anomalies', 'Anomalies'],
  ['patterns', 'Patterns'],
  ['sessions', 'Sessions'],
  ['status', 'Status'],
];

function App() {
  const [r, setR] = useState(route());
  useEffect(() => {
    const on = (): void => setR(route());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return (
    <>
      <nav class="top">
        <span class="brand">Log Sentinel</span>
        {VIEWS.map(([v, label]) => (
          <a href={`#/${v}`} class={r.view === v ? 'active' : ''}>
            {label}
          </a>
        ))}
      </nav>
      <main>
        {r.view === 'patterns' ? <PatternsView selected={r.id} /> : null}
        {r.view === 'sessions' ? <SessionsView selected={r.id} /> : null}
        {r.view === 'status' ? <StatusView /> : null}
        {r.view !== 'patterns' && r.view !== 'sessions' && r.view !== 'status' ? <AnomaliesView /> : null}
      </main>
    </>
  );
}

const root = document.getElementById('app')!;
root.textContent = ''; // the static "loading" line
render(<App />, root);
