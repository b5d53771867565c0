/** Stable codes of {@link ModelRegistryError}. */
export type ModelRegistryErrorCode = 'MODEL_NOT_FOUND' | 'MODEL_CORRUPT' | 'MODEL_INCOMPATIBLE' | 'MODEL_INVALID_VERSION';

/** A model directory that is missing, corrupt (checksum, JSON) or of an unknown format. */
export class ModelRegistryError extends Error {
  /** Stable machine-readable code. */
  readonly code: ModelRegistryErrorCode;
  constructor(code: ModelRegistryErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelRegistryError';
    this.code = code;
  }
}
