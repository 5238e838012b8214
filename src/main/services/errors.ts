import type { ApiErrorCode } from '../../shared/channels';

/** A failure the caller should see verbatim (bad argument, missing portfolio), tagged with its category. */
export class ServiceError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
