import { CliError } from "../cli-error";

/**
 * There are no usable tokens for this API: never signed in, signed out, or the session ended
 * (expired, revoked, or refused on refresh). The only remedy is a new `hks login`.
 */
export class NotSignedInError extends CliError {
  constructor(apiUrl: string, reason?: string, options?: { cause?: unknown }) {
    super(`not signed in to ${apiUrl}${reason ? ` (${reason})` : ""} — run \`hks login\``, options);
    this.name = "NotSignedInError";
  }
}
