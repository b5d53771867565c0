/**
 * The link between a service process and the `npm start` supervisor that spawned it: a
 * Node IPC channel. The service says on it when it listens (so the supervisor reports
 * "ready" only for its own children, never for another process on the port), and stops
 * when the channel closes: the supervisor is gone — even by SIGKILL, which it cannot
 * catch — and nobody else would ever stop the service.
 */

import { CodedError } from '@log-sentinel/coded-error';

/** The message a supervised service sends once it listens. */
export interface SupervisorReadyMessage {
  /** Always `ready`. */
  type: 'ready';
  /** Bound ports by name (e.g. `{ grpc: 50051, metrics: 9464 }`). */
  ports: Record<string, number>;
}

/** A service's side of the link. */
export interface SupervisorLink {
  /** True when the service runs under a supervisor. */
  readonly supervised: boolean;
  /** Tells the supervisor the service listens on `ports` (no-op when unsupervised or disconnected). */
  ready(ports: Record<string, number>): void;
}

/** Error when a service is told it is supervised but has no channel to its supervisor. */
export class SupervisorLinkError extends CodedError<'SUPERVISOR_LINK_MISSING'> {
  /** Creates the error (its code is always `SUPERVISOR_LINK_MISSING`). */
  constructor(message: string) {
    super('SUPERVISOR_LINK_MISSING', message);
  }
}

/**
 * Links the process to its supervisor when `supervised` (the service's config says so,
 * e.g. `LOG_SENTINEL_SUPERVISED=on` set by `npm start`): `onLost(reason)` is called once
 * when the IPC channel closes. Throws {@link SupervisorLinkError} when supervised without
 * an IPC channel (the variable was set by hand).
 */
export function linkToSupervisor(supervised: boolean, onLost: (reason: string) => void): SupervisorLink {
  if (!supervised) return { supervised: false, ready: () => undefined };
  const send = process.send?.bind(process);
  if (!send) {
    throw new SupervisorLinkError('LOG_SENTINEL_SUPERVISED=on but the process has no IPC channel to a supervisor (only `npm start` sets it)');
  }
  let lost = false;
  const lose = (reason: string): void => {
    if (lost) return;
    lost = true;
    onLost(reason);
  };
  process.once('disconnect', () => lose('supervisor gone (IPC channel closed)'));
  // Already closed before this ran (the supervisor died during start-up).
  if (!process.connected) setImmediate(() => lose('supervisor gone before start-up finished'));
  return {
    supervised: true,
    ready(ports) {
      if (!process.connected) return;
      const msg: SupervisorReadyMessage = { type: 'ready', ports };
      send(msg, undefined, undefined, () => undefined);
    },
  };
}
