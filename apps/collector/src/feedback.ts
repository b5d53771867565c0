/**
 * `POST /feedback` (wiring): validates the body, finds the records (Elasticsearch by
 * `event.id` or `template.id`, else the local store), and hands them — their original
 * message and session — to the detectors' `Feedback` RPC. Errors are {@link RequestError}s
 * (4xx) or the client's `FeedbackError` (refused → 422, unreachable → 503).
 */
import type { DetectorClient, DetectorFeedback } from '@log-sentinel/detector-client';
import { fromElasticDocument, type ElasticLogDocument } from '@log-sentinel/schema';
import { z } from 'zod';
import { RequestError } from './http-errors';

/** Records of a template sent as examples with `{"template_id"}` feedback, at most. */
export const TEMPLATE_FEEDBACK_EXAMPLES = 20;

const bodySchema = z
  .object({
    event_ids: z.array(z.string().min(1).max(512)).min(1).max(1000).optional().describe('event ids of records to mark normal'),
    template_id: z.string().min(1).max(256).optional().describe('a template whose records are normal'),
    note: z.string().max(2000).optional().describe('kept in the model’s feedback log'),
  })
  .strict()
  .refine((b) => (b.event_ids === undefined) !== (b.template_id === undefined), { message: 'give exactly one of event_ids or template_id' });

/** A valid feedback request. */
export type FeedbackBody = z.infer<typeof bodySchema>;

/** Validates a `POST /feedback` body; throws a 400 {@link RequestError} naming the problem. */
export function parseFeedbackBody(body: unknown): FeedbackBody {
  const r = bodySchema.safeParse(body);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  throw new RequestError(400, 'BAD_FEEDBACK', `${problems} (expected {"event_ids":["…"]} or {"template_id":"…"}, optional "note")`);
}

/** Where feedback finds documents (Elasticsearch when reachable, else the local store). */
export interface DocumentLookup {
  /** Documents with these event ids. */
  byEventIds(ids: readonly string[]): Promise<ElasticLogDocument[]>;
  /** Up to `limit` record documents of a template. */
  byTemplate(templateId: string, limit: number): Promise<ElasticLogDocument[]>;
}

/** The reply of `POST /feedback`: the (first) detector's answer, and each detector's. */
export interface FeedbackReply {
  /** Records accepted. */
  accepted: number;
  /** Templates that became normal. */
  template_ids: string[];
  /** The model version the feedback wrote. */
  model_version: string;
  /** Event ids of the records sent. */
  event_ids: string[];
  /** Each detector's answer (one per `DETECTOR_ADDR` entry). */
  detectors: Array<{ addr: string; accepted: number; template_ids: string[]; windows_learned: number; model_version: string }>;
}

/** Looks the records up and sends them to the detectors; see the module comment. */
export async function applyFeedback(body: FeedbackBody, lookup: DocumentLookup, detector: DetectorClient | undefined): Promise<FeedbackReply> {
  if (!detector) throw new RequestError(503, 'DETECTOR_DISABLED', 'no detector is configured (DETECTOR_ADDR=off); feedback needs one');
  let docs: ElasticLogDocument[];
  if (body.event_ids) {
    const ids = [...new Set(body.event_ids)];
    docs = await lookup.byEventIds(ids);
    const found = new Set(docs.map((d) => d.event.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw new RequestError(404, 'UNKNOWN_EVENT_IDS', `no stored record has event.id ${missing.map((m) => JSON.stringify(m)).join(', ')}`);
    const sessions = docs.filter((d) => d.anomaly?.kind === 'session').map((d) => d.event.id);
    if (sessions.length) throw new RequestError(400, 'NOT_A_RECORD', `${sessions.join(', ')} ${sessions.length > 1 ? 'are session verdicts' : 'is a session verdict'}; feedback takes records (or a template_id)`);
  } else {
    docs = await lookup.byTemplate(body.template_id!, TEMPLATE_FEEDBACK_EXAMPLES);
    if (docs.length === 0) throw new RequestError(404, 'UNKNOWN_TEMPLATE', `no stored record has template.id ${JSON.stringify(body.template_id)}`);
  }
  const records = docs.map((d) => fromElasticDocument(d).record);
  const answers: DetectorFeedback[] = await detector.feedback(records, body.note ?? '');
  const first = answers[0];
  return {
    accepted: first.accepted,
    template_ids: first.templateIds,
    model_version: first.modelVersion,
    event_ids: records.map((r) => r.id),
    detectors: answers.map((a) => ({ addr: a.addr, accepted: a.accepted, template_ids: a.templateIds, windows_learned: a.windowsLearned, model_version: a.modelVersion })),
  };
}
