/**
 * Probes of a running stack: the detector's GetModel over gRPC and the collector's
 * `/readyz`. Probes never throw; they return what they saw.
 */
import * as grpc from '@grpc/grpc-js';
import { withBearerKey } from '@log-sentinel/detector-client';
import { loadDetectorProto, type DetectorClient, type ModelInfo__Output } from '@log-sentinel/proto';

/** What the detector said, or why it could not be asked. */
export type DetectorProbe = { ok: true; model: ModelInfo__Output } | { ok: false; error: string };

/** What the collector's readiness endpoint said. */
export interface CollectorProbe {
  /** True on a 2xx `/readyz`. */
  ok: boolean;
  /** HTTP status, 0 when unreachable. */
  status: number;
  /** Parsed JSON body when it was JSON. */
  body?: unknown;
  /** Transport error when unreachable. */
  error?: string;
}

/** A gRPC client for status polling of one detector. */
export class DetectorStatusClient {
  private readonly client: DetectorClient;

  /** Connects lazily to `addr` (`host:port`); `apiKey` is sent as the bearer key (DETECTOR_API_KEY). */
  constructor(addr: string, apiKey?: string) {
    const { grpcType } = loadDetectorProto();
    this.client = new grpcType.sentinel.detector.v1.Detector(addr, grpc.credentials.createInsecure(), withBearerKey({}, apiKey));
  }

  /** Calls GetModel with a deadline. */
  getModel(timeoutMs = 2000): Promise<DetectorProbe> {
    return new Promise((resolve) => {
      this.client.GetModel({}, { deadline: Date.now() + timeoutMs }, (err, model) => {
        if (err || !model) resolve({ ok: false, error: err ? `${grpc.status[err.code] ?? err.code}: ${err.details || err.message}` : 'empty reply' });
        else resolve({ ok: true, model });
      });
    });
  }

  /** Closes the channel. */
  close(): void {
    this.client.close();
  }
}

/** GETs `<baseUrl>/readyz` with a timeout. */
export async function probeCollector(baseUrl: string, timeoutMs = 2000): Promise<CollectorProbe> {
  try {
    const res = await fetch(new URL('/readyz', baseUrl), { signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { ok: res.ok, status: res.status, body };
  } catch (err) {
    return { ok: false, status: 0, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Learning progress `n/target` from a ModelInfo (uint64 fields arrive as strings). */
export function learningProgress(model: ModelInfo__Output): { records: number; target: number } {
  return { records: Number(model.learning_records) || 0, target: Number(model.learning_target) || 0 };
}
