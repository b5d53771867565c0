/** The detector's root pino logger (JSON to stderr so stdout stays free). */
import pino, { type Logger } from 'pino';

/** Creates the root logger; components take `logger.child({ component })`. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'detector' } }, pino.destination(2));
}
