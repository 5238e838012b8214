import type { JobErrorCode } from './protocol';

/**
 * A job that did not produce a result. `code` says why: the handler threw ('failed'), it was cancelled, it ran past
 * its timeout, its worker died twice ('crashed'), it went over the memory limit, or the pool was closed.
 * Thrown inside workers too (cancellation, memory) so the code travels back in the error message.
 */
export class JobError extends Error {
  constructor(
    readonly code: JobErrorCode,
    message: string,
    readonly jobId?: string,
    readonly jobType?: string,
  ) {
    super(message);
    this.name = 'JobError';
  }
}
