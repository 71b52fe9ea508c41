/**
 * A mistake the user can fix (bad input, bad config file). Reported as `error: <message>` with no
 * stack trace; anything else reaching the top level is a bug and shows its stack under HKS_DEBUG=1.
 */
export class CliError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CliError";
  }
}
