/**
 * Where a service's stop requests come from: SIGTERM, SIGINT, SIGHUP and, under `npm start`,
 * the supervisor going away. Each app decides what stopping means; this only routes.
 */
import type { Logger } from 'pino';
import { linkToSupervisor, type SupervisorLink } from './supervisor-link';

/** The signals that ask a service to stop. */
export const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

/** Options of {@link routeStopRequests}. */
export interface StopRequestOptions {
  /** The service's config says it runs under the `npm start` supervisor. */
  supervised: boolean;
  /** Called with the signal name or the supervisor's loss; must ignore calls after the first. */
  stop: (reason: string) => void;
  /** A second signal: `stop` again (which ignores it), or Node's default (the process ends at once). */
  repeatedSignal: 'stop' | 'default';
  /** Logs the fatal line when the supervisor link is missing. */
  log: Logger;
  /** Exits (with 2) when the supervisor link is missing. */
  flushAndExit: (code: number) => void;
}

/**
 * Sends every stop request to `stop`. When the service is told it is supervised but has no
 * channel to its supervisor, logs a fatal line, exits with 2 and returns undefined.
 */
export function routeStopRequests(opts: StopRequestOptions): SupervisorLink | undefined {
  let supervisor: SupervisorLink;
  try {
    supervisor = linkToSupervisor(opts.supervised, (reason) => opts.stop(reason));
  } catch (err) {
    opts.log.fatal({ err }, (err as Error).message);
    opts.flushAndExit(2);
    return undefined;
  }
  for (const sig of STOP_SIGNALS) {
    if (opts.repeatedSignal === 'stop') process.on(sig, () => opts.stop(sig));
    else process.once(sig, () => opts.stop(sig));
  }
  return supervisor;
}
