/**
 * Anomaly injection: each function builds a session that is normal except for one
 * labelled deviation, the way real incidents look in logs.
 */
import type { SeededRandom } from '@log-sentinel/seeded-random';
import { jobSession, money, pageRequest, userSession, type SessionScript, type SessionStep } from './sessions';
import type { AnomalyKind, AnomalyLabel } from './types';

function label(step: SessionStep, kind: AnomalyKind, scenarioId: string, description: string): SessionStep {
  const l: AnomalyLabel = { kind, scenarioId, description };
  return { ...step, label: l };
}

/** A user session that is guaranteed to contain a successful checkout. */
function userSessionWithCheckout(rng: SeededRandom): SessionScript {
  for (;;) {
    const s = userSession(rng);
    if (s.steps.some((x) => x.step === 'payment_authorized')) return s;
  }
}

function indexOfStep(s: SessionScript, step: string): number {
  const i = s.steps.findIndex((x) => x.step === step);
  if (i < 0) throw new Error(`session ${s.sessionId} has no step ${step}`);
  return i;
}

/** Steps swapped: the payment is authorized before the checkout starts, or a job finishes before it starts. */
export function outOfOrder(rng: SeededRandom, scenarioId: string, variant: number): SessionScript {
  const s = variant % 2 === 0 ? userSessionWithCheckout(rng) : jobSession(rng);
  const [a, b] = variant % 2 === 0 ? ['checkout_started', 'payment_authorized'] : ['job_processed', 'job_finished'];
  const i = indexOfStep(s, a);
  const j = indexOfStep(s, b);
  const first = s.steps[i] as SessionStep;
  const second = s.steps[j] as SessionStep;
  const desc = `"${b}" logged before "${a}"`;
  s.steps[i] = label({ ...second, delayMs: first.delayMs }, 'out_of_order', scenarioId, desc);
  s.steps[j] = label({ ...first, delayMs: second.delayMs }, 'out_of_order', scenarioId, desc);
  return s;
}

/** A workflow step is skipped: a session starts without authentication, or a job finishes without processing. */
export function missingStep(rng: SeededRandom, scenarioId: string, variant: number): SessionScript {
  const s = variant % 2 === 0 ? userSession(rng) : jobSession(rng);
  const [missing, next] = variant % 2 === 0 ? ['authenticated', 'session_started'] : ['job_processed', 'job_finished'];
  s.steps.splice(indexOfStep(s, missing), 1);
  const n = indexOfStep(s, next);
  s.steps[n] = label(s.steps[n] as SessionStep, 'missing_step', scenarioId, `"${next}" without the "${missing}" step before it`);
  return s;
}

/** A burst of database errors and failed requests inside one user session. */
export function errorBurst(rng: SeededRandom, scenarioId: string): SessionScript {
  const s = userSession(rng);
  const at = indexOfStep(s, 'session_started') + 1;
  const host = (s.steps[at - 1] as SessionStep).host;
  const burst: SessionStep[] = [];
  const n = rng.int(5, 8);
  for (let k = 0; k < n; k++) {
    const step: SessionStep =
      k % 3 === 2
        ? { ...pageRequest(rng, host), level: 'ERROR', message: `GET /cart status=503 latency=${rng.int(2900, 3100)}ms` }
        : {
            delayMs: 0,
            level: 'ERROR',
            source: 'web',
            host,
            step: 'db_error',
            message: `Database connection pool exhausted (active=50, max=50), request req-${rng.hex(8)} rejected`,
          };
    burst.push(label({ ...step, delayMs: rng.int(20, 250) }, 'error_burst', scenarioId, `error ${k + 1} of ${n} in a burst`));
  }
  s.steps.splice(at, 0, ...burst);
  return s;
}

/** A message the service never logged before (a new template). */
export function unseenMessage(rng: SeededRandom, scenarioId: string): SessionScript {
  const s = jobSession(rng);
  const at = indexOfStep(s, 'job_processed');
  const host = (s.steps[at] as SessionStep).host;
  const step: SessionStep = {
    delayMs: rng.int(100, 900),
    level: 'WARN',
    source: 'jobs',
    host,
    step: 'unseen',
    message: `TLS handshake with partner-api-${rng.int(1, 9)}.example.net failed: certificate has expired`,
  };
  s.steps.splice(at, 0, label(step, 'unseen_message', scenarioId, 'message never seen while learning'));
  return s;
}

/** A normal-looking record with an abnormal quantity: a huge payment, or a checkout of hundreds of items. */
export function abnormalValue(rng: SeededRandom, scenarioId: string, variant: number): SessionScript {
  const s = userSessionWithCheckout(rng);
  if (variant % 2 === 0) {
    const i = indexOfStep(s, 'payment_authorized');
    const pay = s.steps[i] as SessionStep;
    const amount = rng.int(20000, 90000) + rng.int(0, 99) / 100;
    const message = pay.message.replace(/amount=[0-9.]+/, `amount=${money(amount)}`);
    s.steps[i] = label({ ...pay, message }, 'abnormal_value', scenarioId, `payment amount ${money(amount)} EUR`);
    return s;
  }
  const i = indexOfStep(s, 'checkout_started');
  const cart = s.steps[i] as SessionStep;
  const items = rng.int(300, 900);
  const message = cart.message.replace(/, \d+ items$/, `, ${items} items`);
  s.steps[i] = label({ ...cart, message }, 'abnormal_value', scenarioId, `checkout of ${items} items`);
  return s;
}

/**
 * A step that took far longer than usual, logged when it completed: a page request of 30–60 s,
 * or a job that processed its items in over an hour. The record also arrives that much later.
 */
export function latencyOutlier(rng: SeededRandom, scenarioId: string, variant: number): SessionScript {
  if (variant % 2 === 0) {
    const s = userSession(rng);
    const i = indexOfStep(s, 'page');
    const page = s.steps[i] as SessionStep;
    const latency = rng.int(30000, 60000);
    const slow = pageRequest(rng, page.host, latency);
    s.steps[i] = label({ ...slow, delayMs: page.delayMs + latency }, 'latency_outlier', scenarioId, `page latency ${latency} ms`);
    return s;
  }
  const s = jobSession(rng);
  const i = indexOfStep(s, 'job_processed');
  const step = s.steps[i] as SessionStep;
  const took = rng.int(3_600_000, 7_200_000);
  const message = step.message.replace(/in \d+ ms$/, `in ${took} ms`);
  s.steps[i] = label({ ...step, message, delayMs: step.delayMs + took }, 'latency_outlier', scenarioId, `job took ${Math.round(took / 60000)} min`);
  return s;
}

/** Builds the anomalous session for one scenario of the given kind. */
export function injectAnomaly(rng: SeededRandom, kind: AnomalyKind, scenarioId: string, variant: number): SessionScript {
  switch (kind) {
    case 'out_of_order':
      return outOfOrder(rng, scenarioId, variant);
    case 'missing_step':
      return missingStep(rng, scenarioId, variant);
    case 'error_burst':
      return errorBurst(rng, scenarioId);
    case 'unseen_message':
      return unseenMessage(rng, scenarioId);
    case 'abnormal_value':
      return abnormalValue(rng, scenarioId, variant);
    case 'latency_outlier':
      return latencyOutlier(rng, scenarioId, variant);
  }
}
