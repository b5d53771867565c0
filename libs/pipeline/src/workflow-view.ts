/**
 * The serving model's workflows per session type (libs/deeplog session-workflows.ts) as
 * transports show them (gRPC `GetModel`): graphs of template ids with their texts.
 */
import { WORKFLOW_END, WORKFLOW_START } from '@log-sentinel/deeplog';
import type { ModelRuntime } from './model-runtime';

/** One transition (`<start>` / `<end>` for a session's ends). */
export interface WorkflowEdgeView {
  /** Template id before. */
  from: string;
  /** Template id after. */
  to: string;
  /** Times training sessions took it. */
  count: number;
}

/** One session type's workflow. */
export interface WorkflowView {
  /** Template id naming the type (its sessions' most frequent first template). */
  sessionType: string;
  /** That template's text. */
  sessionTypeTemplate: string;
  /** Training sessions of the type. */
  sessions: number;
  /** Its templates, most frequent first. */
  nodes: { templateId: string; template: string }[];
  /** Its transitions. */
  edges: WorkflowEdgeView[];
  /** Template pairs seen in both orders. */
  concurrent: [string, string][];
  /** Templates seen directly after themselves. */
  loops: string[];
}

/** The workflows of `rt` ([] while learning or for a version written before workflows). */
export function workflowsView(rt: ModelRuntime | undefined): WorkflowView[] {
  const wf = rt?.parts.workflows;
  if (!rt || !wf) return [];
  const text = (id: string): string => (id === WORKFLOW_START || id === WORKFLOW_END ? id : rt.templateText(id));
  return wf.json.types.map((t) => ({
    sessionType: t.type,
    sessionTypeTemplate: text(t.type),
    sessions: t.sessions,
    nodes: t.keys.map((k) => ({ templateId: k, template: text(k) })),
    edges: t.edges.map((e) => ({ from: e.from, to: e.to, count: e.count })),
    concurrent: t.concurrent.map(([a, b]) => [a, b]),
    loops: [...t.loops],
  }));
}
