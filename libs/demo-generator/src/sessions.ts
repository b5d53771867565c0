/**
 * Normal behaviour of the simulated web shop: a user session (login, page requests,
 * sometimes a checkout with a payment, logout) and a background job run. Each session is
 * a list of steps with delays relative to the previous step; the generator places them
 * on the simulated clock and interleaves sessions.
 */
import type { SeededRandom } from '@log-sentinel/seeded-random';
import type { AnomalyLabel, DemoLevel } from './types';

/** One step of a session before it is placed on the clock. */
export interface SessionStep {
  /** Simulated milliseconds since the previous step of the same session. */
  delayMs: number;
  level: DemoLevel;
  source: string;
  host: string;
  message: string;
  /** Which workflow step this is (used by anomaly injection to find steps). */
  step: string;
  label?: AnomalyLabel;
}

/** A session: its id and ordered steps. */
export interface SessionScript {
  sessionId: string;
  kind: 'user' | 'job';
  steps: SessionStep[];
}

const PRODUCTS_PATHS = ['/products', '/products/{id}', '/search?q={term}', '/cart', '/account', '/products/{id}/reviews'];
const SEARCH_TERMS = ['shoes', 'lamp', 'coffee', 'desk', 'headphones', 'socks', 'kettle', 'backpack'];
const JOB_NAMES = ['send-newsletter', 'rebuild-search-index', 'expire-carts', 'nightly-report', 'sync-inventory'];
const AUTH_METHODS = ['password', 'sso', 'passkey'];

/** Median page latency in ms for normal GET requests. */
export const NORMAL_LATENCY_MEDIAN_MS = 45;
/** Median payment amount in EUR for normal payments. */
export const NORMAL_AMOUNT_MEDIAN_EUR = 48;

function ip(rng: SeededRandom): string {
  return `10.${rng.int(0, 3)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

/** Formats a latency/duration parameter as an integer. */
function ms(value: number): string {
  return String(Math.max(1, Math.round(value)));
}

/** Formats a money amount with two decimals. */
export function money(value: number): string {
  return value.toFixed(2);
}

/** Renders one normal page request. */
export function pageRequest(rng: SeededRandom, host: string, latencyMs?: number): SessionStep {
  const template = rng.pick(PRODUCTS_PATHS);
  const path = template.replace('{id}', String(rng.int(100, 9999))).replace('{term}', rng.pick(SEARCH_TERMS));
  const status = rng.chance(0.08) ? 304 : 200;
  const latency = latencyMs ?? Math.min(900, rng.logNormal(NORMAL_LATENCY_MEDIAN_MS, 0.45));
  return {
    delayMs: rng.int(400, 6000),
    level: 'INFO',
    source: 'web',
    host,
    step: 'page',
    message: `GET ${path} status=${status} latency=${ms(latency)}ms`,
  };
}

/** Generates one normal user session. */
export function userSession(rng: SeededRandom): SessionScript {
  const sessionId = `sess-${rng.hex(10)}`;
  const user = `user${rng.int(1000, 1999)}`;
  const authHost = `auth-${rng.int(1, 2)}`;
  const webHost = `web-${rng.int(1, 3)}`;
  const steps: SessionStep[] = [];
  const add = (s: Omit<SessionStep, 'source' | 'host'> & Partial<Pick<SessionStep, 'source' | 'host'>>): void => {
    steps.push({ source: 'auth', host: authHost, ...s });
  };
  const from = ip(rng);
  add({ delayMs: 0, level: 'INFO', step: 'login', message: `User ${user} login attempt from ${from}` });
  if (rng.chance(0.06)) {
    add({ delayMs: rng.int(40, 250), level: 'WARN', step: 'login_failed', message: `User ${user} login failed: wrong password` });
    add({ delayMs: rng.int(2000, 9000), level: 'INFO', step: 'login', message: `User ${user} login attempt from ${from}` });
  }
  add({
    delayMs: rng.int(30, 300),
    level: 'INFO',
    step: 'authenticated',
    message: `User ${user} authenticated via ${rng.pick(AUTH_METHODS)} in ${ms(rng.logNormal(80, 0.4))} ms`,
  });
  add({ delayMs: rng.int(2, 20), level: 'INFO', source: 'web', host: webHost, step: 'session_started', message: `Session ${sessionId} started for user ${user}` });
  const pages = rng.int(1, 6);
  for (let i = 0; i < pages; i++) steps.push(pageRequest(rng, webHost));
  if (rng.chance(0.4)) checkout(rng, steps, user, webHost);
  if (rng.chance(0.7)) {
    add({ delayMs: rng.int(500, 5000), level: 'INFO', step: 'logout', message: `User ${user} logged out` });
  }
  add({
    delayMs: rng.int(5, 50),
    level: 'INFO',
    source: 'web',
    host: webHost,
    step: 'session_ended',
    message: `Session ${sessionId} ended after ${rng.int(20, 900)} s, ${pages} requests`,
  });
  return { sessionId, kind: 'user', steps };
}

/** Appends a checkout (cart, payment, order or decline) to a user session. */
function checkout(rng: SeededRandom, steps: SessionStep[], user: string, webHost: string): void {
  const cart = `cart-${rng.hex(6)}`;
  const payment = `pay-${rng.hex(8)}`;
  const payHost = 'payments-1';
  const items = rng.int(1, 5);
  steps.push({ delayMs: rng.int(800, 5000), level: 'INFO', source: 'web', host: webHost, step: 'checkout_started', message: `Cart ${cart} checkout started, ${items} items` });
  const amount = Math.min(900, rng.logNormal(NORMAL_AMOUNT_MEDIAN_EUR, 0.6));
  if (rng.chance(0.05)) {
    steps.push({ delayMs: rng.int(300, 1500), level: 'WARN', source: 'payments', host: payHost, step: 'payment_declined', message: `Payment ${payment} declined: insufficient funds` });
    steps.push({ delayMs: rng.int(100, 900), level: 'INFO', source: 'web', host: webHost, step: 'checkout_abandoned', message: `Cart ${cart} checkout abandoned` });
    return;
  }
  steps.push({
    delayMs: rng.int(300, 1500),
    level: 'INFO',
    source: 'payments',
    host: payHost,
    step: 'payment_authorized',
    message: `Payment ${payment} authorized amount=${money(amount)} EUR card=****${rng.int(1000, 9999)}`,
  });
  steps.push({ delayMs: rng.int(20, 200), level: 'INFO', source: 'payments', host: payHost, step: 'order_confirmed', message: `Order ord-${rng.hex(8)} confirmed for user ${user}` });
}

/** Generates one normal background job run. */
export function jobSession(rng: SeededRandom): SessionScript {
  const jobId = `job-${rng.hex(8)}`;
  const name = rng.pick(JOB_NAMES);
  const host = `jobs-${rng.int(1, 2)}`;
  const steps: SessionStep[] = [];
  const add = (s: Omit<SessionStep, 'source' | 'host'>): void => {
    steps.push({ source: 'jobs', host, ...s });
  };
  add({ delayMs: 0, level: 'INFO', step: 'job_scheduled', message: `Job ${jobId} ${name} scheduled` });
  add({ delayMs: rng.int(50, 2000), level: 'INFO', step: 'job_started', message: `Job ${jobId} ${name} started on worker ${rng.int(1, 8)}` });
  if (rng.chance(0.08)) {
    add({ delayMs: rng.int(1000, 5000), level: 'WARN', step: 'job_retry', message: `Job ${jobId} attempt 1 failed: timeout, retrying in 5 s` });
    add({ delayMs: 5000, level: 'INFO', step: 'job_started', message: `Job ${jobId} ${name} started on worker ${rng.int(1, 8)}` });
  }
  const items = rng.int(10, 5000);
  add({
    delayMs: rng.int(500, 8000),
    level: 'INFO',
    step: 'job_processed',
    message: `Job ${jobId} processed ${items} items in ${ms(items * rng.logNormal(1.5, 0.3))} ms`,
  });
  add({ delayMs: rng.int(5, 50), level: 'INFO', step: 'job_finished', message: `Job ${jobId} ${name} finished status=ok` });
  return { sessionId: jobId, kind: 'job', steps };
}

/** Generates one normal session: mostly user sessions, some job runs. */
export function normalSession(rng: SeededRandom): SessionScript {
  return rng.chance(0.8) ? userSession(rng) : jobSession(rng);
}
