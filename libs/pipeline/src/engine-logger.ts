/** The logging surface the engine needs (pino-compatible); the app passes a child logger. */

/** A structured logger: `log.info(obj, msg)`. */
export interface EngineLogger {
  /** Recovered or noteworthy events. */
  info(obj: object, msg: string): void;
  /** Recovered problems. */
  warn(obj: object, msg: string): void;
  /** An operator must act. */
  error(obj: object, msg: string): void;
}

/** A logger that drops everything (for offline CLI runs and tests). */
export const silentLogger: EngineLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
