/**
 * Operator feedback carried by a model version (`feedback.json`): templates marked normal,
 * DeepLog transitions accepted, and per-template Isolation Forest scores and parameter-value
 * z-scores accepted. The
 * DeepLog fine-tune is the primary mechanism; these sets guarantee that a record marked
 * normal is not flagged again even where one fine-tune round is not enough.
 */

/** Feedback state of one model version. */
export interface FeedbackState {
  /** Template ids marked normal. */
  normalTemplates: Set<string>;
  /** Accepted DeepLog transitions: `<window indices joined by ,>><key index>`. */
  acceptedTransitions: Set<string>;
  /** Highest Isolation Forest score accepted per template id. */
  iforestAccepted: Map<string, number>;
  /** Highest parameter-value z-score (error distance in standard deviations) accepted per template id. */
  valueAccepted: Map<string, number>;
  /** Feedback rounds applied. */
  rounds: number;
  /** Notes given with feedback, newest last (bounded). */
  notes: string[];
}

/** File name of the feedback state in a version directory. */
export const FEEDBACK_FILE = 'feedback.json';

/** Empty feedback. */
export function emptyFeedback(): FeedbackState {
  return { normalTemplates: new Set(), acceptedTransitions: new Set(), iforestAccepted: new Map(), valueAccepted: new Map(), rounds: 0, notes: [] };
}

/** Serialises feedback to JSON text. */
export function feedbackToJson(f: FeedbackState): string {
  return JSON.stringify({
    format: 'log-sentinel.feedback',
    formatVersion: 1,
    normalTemplates: [...f.normalTemplates],
    acceptedTransitions: [...f.acceptedTransitions],
    iforestAccepted: Object.fromEntries(f.iforestAccepted),
    valueAccepted: Object.fromEntries(f.valueAccepted),
    rounds: f.rounds,
    notes: f.notes.slice(-100),
  });
}

/** Parses `feedback.json`; throws an Error naming the problem. */
export function feedbackFromJson(text: string): FeedbackState {
  const j = JSON.parse(text) as Record<string, unknown>;
  if (j.format !== 'log-sentinel.feedback' || j.formatVersion !== 1) throw new Error('feedback.json: unknown format');
  const strings = (v: unknown, name: string): string[] => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new Error(`feedback.json: ${name} must be a list of strings`);
    return v as string[];
  };
  const acc = j.iforestAccepted;
  if (typeof acc !== 'object' || acc === null) throw new Error('feedback.json: iforestAccepted must be an object');
  const vacc = j.valueAccepted ?? {}; // absent in files written before the parameter-value model
  if (typeof vacc !== 'object' || vacc === null) throw new Error('feedback.json: valueAccepted must be an object');
  return {
    normalTemplates: new Set(strings(j.normalTemplates, 'normalTemplates')),
    acceptedTransitions: new Set(strings(j.acceptedTransitions, 'acceptedTransitions')),
    iforestAccepted: new Map(Object.entries(acc as Record<string, number>).filter(([, v]) => typeof v === 'number')),
    valueAccepted: new Map(Object.entries(vacc as Record<string, number>).filter(([, v]) => typeof v === 'number')),
    rounds: typeof j.rounds === 'number' ? j.rounds : 0,
    notes: strings(j.notes ?? [], 'notes'),
  };
}
