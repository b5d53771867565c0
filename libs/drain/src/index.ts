/**
 * @log-sentinel/drain — Drain log template mining (He et al., ICWS'17) with generic masking,
 * logparser-style header formats and versioned snapshots. Pure: no I/O (but loading its
 * WebAssembly tokeniser, as the iforest kernel does), no clock, no logger.
 */
export { TemplateMiner, extractParams } from './template-miner';
export type { AddResult, MatchResult, TemplateInfo, MinerStats } from './template-miner';
export { DrainCore, MATCH_STRATEGIES } from './drain';
export type { Cluster, ChangeType, TreeNode, DrainCoreOptions, MatchStrategy } from './drain';
export { Masker, PARAM, MAX_MASK_NAMES } from './masking';
export { AsciiTokenizer, ASCII_INPUT_BYTES } from './ascii-tokenizer';
export type { MaskedMessage, MaskerOptions } from './masking';
export { ParameterExtractor } from './extract-parameters';
export type { ExtractedParameter } from './extract-parameters';
export { DEFAULT_DRAIN_OPTIONS, DRAIN3_DEFAULTS, GENERIC_RULES, OPT_IN_RULES, resolveDrainOptions } from './options';
export type { DrainOptions, ExtraMask, GenericRule } from './options';
export { LogFormat, MAX_HEADER_CHARS } from './log-format';
export type { ParsedLine } from './log-format';
export { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './snapshot';
export type { DrainSnapshot, SnapshotNode } from './snapshot';
export { DrainError } from './errors';
export type { DrainErrorCode } from './errors';
export { groupingAccuracy, normalizeTemplate, parsingAccuracy, templateAccuracy } from './accuracy';
export type { TemplateAccuracy } from './accuracy';
