import { statusOf, type ErrorCode } from "./error-codes";
import type { ErrorDetail, ErrorEnvelope } from "./error-envelope";

/**
 * The error type services throw and clients rebuild. It carries only what is safe to show a
 * client; anything internal belongs in `cause`, which is logged and never serialized.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;

  constructor(code: ErrorCode, message: string, options?: { details?: ErrorDetail[]; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options?.details;
  }

  get status(): number {
    return statusOf(this.code);
  }

  toEnvelope(requestId: string): ErrorEnvelope {
    return {
      error: {
        code: this.code,
        message: this.message,
        requestId,
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }

  /** Rebuilds the error a server sent, so clients handle it by code like the server raised it. */
  static fromEnvelope(envelope: ErrorEnvelope): AppError & { requestId: string } {
    const error = new AppError(envelope.error.code as ErrorCode, envelope.error.message, {
      ...(envelope.error.details ? { details: envelope.error.details } : {}),
    });
    return Object.assign(error, { requestId: envelope.error.requestId });
  }
}
