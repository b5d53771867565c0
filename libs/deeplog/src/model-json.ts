import { parseModelFileJson } from './model-file-json';
import { END_TOKEN, PAD_TOKEN } from './vocabulary';

/** Name of the ONNX graph input: int64 key indices, [batch, window]. */
export const ONNX_INPUT = 'keys';
/** Name of the ONNX graph output: next-key probabilities, [batch, vocabulary]. */
export const ONNX_OUTPUT = 'probs';

/** What training saw and reached; stored in `deeplog.json`. */
export interface TrainingSummary {
  /** Sessions used (training + validation). */
  sessions: number;
  /** Sessions held out for validation / early stopping. */
  validationSessions: number;
  /** Windows before merging duplicates (training part). */
  windows: number;
  /** Distinct training windows after merging. */
  distinctWindows: number;
  /** Epochs run. */
  epochs: number;
  /** Why training ended: early stopping, the epoch limit, or the time budget. */
  stoppedBy: 'early-stopping' | 'max-epochs' | 'time-budget';
  /** Epoch whose parameters were kept (lowest validation loss). */
  bestEpoch: number;
  /** Mean cross-entropy per training window in the last epoch. */
  trainLoss: number;
  /** Mean cross-entropy per validation window at the best epoch (null without validation). */
  validationLoss: number | null;
  /** Share of validation sessions the top-g rule flags (all are normal: a false-positive rate). */
  validationFpRate: number | null;
  /** Threads that computed gradients. */
  threads: number;
  /** Options used. */
  options: Record<string, number>;
  /** Lowest probability of an actual normal key inside the top g (basis of the automatic probability floor). */
  lowestNormalProbability?: number;
  /** Online updates applied after the initial training. */
  fineTuneRounds: number;
  /** The last online update, if any. */
  lastFineTune?: { windows: number; epochs: number; loss: number };
}

/** Contents of `deeplog.json`: everything needed besides the ONNX weights. */
export interface DeepLogModelJson {
  /** Always "deeplog". */
  format: 'deeplog';
  /** Version of this layout. */
  formatVersion: 1;
  /** Index → key; entries 0 and 1 are the padding and end-of-session tokens. */
  vocabulary: string[];
  /** Window length h. */
  window: number;
  /** Top-g rule: the actual next key must be among the g most probable. */
  topG: number;
  /** …and have at least this probability (calibrated on held-out normal sessions; 0 = top-g only). */
  minProbability?: number;
  /** Per-key probability floors (key → floor) overriding `minProbability`. */
  keyMinProbability?: Record<string, number>;
  /** A key ranked below g with at least this probability is accepted (absent = pure top-g). */
  acceptProbability?: number;
  /** Vocabulary entry of the start padding. */
  padKey: string;
  /** Vocabulary entry of the end-of-session key. */
  endKey: string;
  /** LSTM units per layer. */
  hiddenSize: number;
  /** Stacked LSTM layers. */
  layers: number;
  /** ONNX graph contract. */
  onnx: { input: string; output: string; opset: number };
  /** Training summary. */
  training: TrainingSummary;
}

/** Validates parsed `deeplog.json` (object or JSON text); throws DeepLogError('INVALID_MODEL'). */
export function parseModelJson(input: unknown): DeepLogModelJson {
  const { json, bad } = parseModelFileJson<DeepLogModelJson>(input, 'deeplog.json');
  if (typeof json !== 'object' || json === null) return bad('not an object');
  const o = json as Record<string, unknown>;
  if (o.format !== 'deeplog') bad('"format" must be "deeplog"');
  if (o.formatVersion !== 1) bad(`unsupported formatVersion ${String(o.formatVersion)}`);
  if (!Array.isArray(o.vocabulary) || o.vocabulary.length < 3 || !o.vocabulary.every((v) => typeof v === 'string')) bad('"vocabulary" must list the keys');
  const vocab = o.vocabulary as string[];
  if (vocab[0] !== PAD_TOKEN || vocab[1] !== END_TOKEN) bad(`vocabulary must start with "${PAD_TOKEN}", "${END_TOKEN}"`);
  for (const k of ['window', 'topG', 'hiddenSize', 'layers'] as const) {
    if (!Number.isInteger(o[k]) || (o[k] as number) < 1) bad(`"${k}" must be a positive integer`);
  }
  if (o.minProbability !== undefined && (typeof o.minProbability !== 'number' || !(o.minProbability >= 0 && o.minProbability < 1))) bad('"minProbability" must be a number in [0, 1)');
  if (o.keyMinProbability !== undefined && (typeof o.keyMinProbability !== 'object' || o.keyMinProbability === null || !Object.values(o.keyMinProbability).every((v) => typeof v === 'number' && v >= 0 && v < 1))) {
    bad('"keyMinProbability" must map keys to numbers in [0, 1)');
  }
  if (o.acceptProbability !== undefined && (typeof o.acceptProbability !== 'number' || !(o.acceptProbability > 0 && o.acceptProbability <= 1))) bad('"acceptProbability" must be a number in (0, 1]');
  const onnx = o.onnx as Record<string, unknown> | undefined;
  if (!onnx || typeof onnx.input !== 'string' || typeof onnx.output !== 'string') bad('"onnx" must name input and output');
  if (typeof o.training !== 'object' || o.training === null) bad('"training" missing');
  return o as unknown as DeepLogModelJson;
}
