/**
 * A mistake the user can fix (bad input, bad config file). Reported as `error: <message>` with no
 * stack trace; anything else reaching the top level is a bug and shows its stack under HKS_DEBUG=1.
 */
export class CliError extends Error {
  /** 1 unless a convention says otherwise (130 for Ctrl-C). */
  readonly exitCode: number;

  constructor(message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CliError";
    this.exitCode = options?.exitCode ?? 1;
  }
}
