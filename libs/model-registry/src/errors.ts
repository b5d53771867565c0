import { CodedError } from '@log-sentinel/coded-error';

/** Stable codes of {@link ModelRegistryError}. */
export type ModelRegistryErrorCode =
  | 'MODEL_NOT_FOUND'
  | 'MODEL_CORRUPT'
  | 'MODEL_INCOMPATIBLE'
  | 'MODEL_INVALID_VERSION'
  /** The object store cannot be reached or refused the request (network, 5xx, credentials, missing bucket). */
  | 'STORE_UNAVAILABLE';

/** A model directory or store that is missing, corrupt (checksum, JSON), of an unknown format or unreachable. */
export class ModelRegistryError extends CodedError<ModelRegistryErrorCode> {}
