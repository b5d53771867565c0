/**
 * LogAnomaly beside DeepLog for `--format keys`: the keys' template texts come from a
 * templates file (loghub's `EventId,EventTemplate` CSV, `E<k>` or `<k>` = log key k), the
 * model is trained by libs/loganomaly and stored as `loganomaly.onnx` + `loganomaly.json` in
 * the same registry version; `detect`/`eval` report its verdict as `models.loganomaly`.
 */
import * as fs from 'node:fs';
import { CliError, cannotRead, checkInputFile } from '@log-sentinel/cli-kit';
import { LogAnomalyError, LOGANOMALY_FILES, trainLogAnomaly, type KeyTemplate, type LogAnomalyModel, type LogAnomalyTrainOptions } from '@log-sentinel/loganomaly';

/** Parses a templates CSV (header `EventId,EventTemplate`; the template is the rest of the line); errors name the line. */
export function parseTemplatesCsv(text: string, name: string): KeyTemplate[] {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0 || !/^EventId,EventTemplate$/i.test(lines[0]!.trim())) throw new CliError(`${name}: line 1: expected the header "EventId,EventTemplate"`);
  const seen = new Set<string>();
  return lines.slice(1).map((line, i) => {
    const m = /^E?(\d+),(.+)$/.exec(line.trim());
    if (!m) throw new CliError(`${name}: line ${i + 2}: expected "E<key>,<template>" (got "${line.slice(0, 60)}")`);
    const key = String(Number(m[1]));
    if (seen.has(key)) throw new CliError(`${name}: line ${i + 2}: key ${key} has a second template`);
    seen.add(key);
    const raw = m[2]!;
    return { key, text: raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw };
  });
}

/** Reads a templates CSV (a missing or unreadable file is a CliError naming the flag). */
export function readTemplatesFile(file: string, flag = '--loganomaly-templates'): KeyTemplate[] {
  checkInputFile(file, { command: 'train', flag });
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw cannotRead(file, (err as Error).message, { command: 'train', flag }, err);
  }
  return parseTemplatesCsv(text, file);
}

/** Trains LogAnomaly on key sessions; returns the model and its registry files. */
export async function trainKeysLogAnomaly(sessions: readonly (readonly number[])[], templates: readonly KeyTemplate[], options: LogAnomalyTrainOptions):
  Promise<{ model: LogAnomalyModel; files: { name: string; data: Uint8Array | string }[] }> {
  try {
    const model = await trainLogAnomaly(sessions.map((s) => s.map(String)), templates, options);
    return { model, files: [{ name: LOGANOMALY_FILES.onnx, data: model.toOnnx() }, { name: LOGANOMALY_FILES.json, data: JSON.stringify(model.json) + '\n' }] };
  } catch (err) {
    if (err instanceof LogAnomalyError) throw new CliError(`cannot train LogAnomaly: ${err.message}`, undefined, { cause: err });
    throw err;
  }
}
