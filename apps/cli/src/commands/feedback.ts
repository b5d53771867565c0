/**
 * `log-sentinel feedback --collector URL (--event-id ID … | --template-id ID) [--note TEXT]
 * [--api-key KEY] [--out FILE]`: marks records (or a template) normal through the collector's
 * `POST /feedback`; prints the detector's reply (accepted, template_ids, model_version) as JSON.
 */
import type { Command } from 'commander';
import { CliError, EXIT } from '../cli-error';
import { writeOutput } from './keys/output';

interface FeedbackFlags {
  collector: string;
  eventId?: string[];
  templateId?: string;
  note?: string;
  apiKey?: string;
  out?: string;
}

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** Registers the `feedback` command. */
export function registerFeedback(program: Command): void {
  program
    .command('feedback')
    .description("mark records (event ids) or a template normal through the collector; the detector's update stops flagging them")
    .requiredOption('--collector <url>', 'collector base URL, e.g. http://127.0.0.1:8080')
    .option('--event-id <id>', 'event.id of a record to mark normal (repeatable)', collect)
    .option('--template-id <id>', 'template.id whose records are normal')
    .option('--note <text>', "kept in the model's feedback log")
    .option('--api-key <key>', 'bearer key when the collector sets API_KEYS (default: $LOG_SENTINEL_API_KEY)')
    .option('--out <file>', 'write the JSON reply to this file instead of stdout')
    .action(async (o: FeedbackFlags) => {
      if (!o.eventId === !o.templateId) throw new CliError('give --event-id ID (one or more) or --template-id ID, not both');
      let url: URL;
      try {
        url = new URL('/feedback', o.collector);
      } catch {
        throw new CliError(`--collector must be a URL like http://127.0.0.1:8080 (got ${JSON.stringify(o.collector)})`);
      }
      const body = { ...(o.eventId ? { event_ids: o.eventId } : { template_id: o.templateId }), ...(o.note ? { note: o.note } : {}) };
      const key = o.apiKey ?? process.env['LOG_SENTINEL_API_KEY'];
      let res: Response;
      try {
        res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify(body) });
      } catch (err) {
        throw new CliError(`cannot reach the collector at ${url.origin}: ${(err as Error).message}`, EXIT.failure, { cause: err });
      }
      const text = await res.text();
      if (!res.ok) {
        let reason = text;
        try {
          const j = JSON.parse(text) as { error?: string; message?: string };
          reason = `${j.error ?? res.status}: ${j.message ?? text}`;
        } catch {
          // not JSON: keep the text
        }
        throw new CliError(`feedback refused (HTTP ${res.status}) ${reason}`, res.status < 500 ? EXIT.usage : EXIT.failure);
      }
      await writeOutput(o.out, `${text.trim()}\n`);
    });
}
