/**
 * Messages for the `?error=<code>` the API's OAuth callback redirects back with. The code comes
 * from the URL, so only known codes get specific wording; anything else gets a generic message
 * and the raw value is never rendered (it could be crafted to mislead the reader).
 */
const messages: Record<string, string> = {
  access_denied: "Sign-in was cancelled or the provider denied access. Please try again.",
  invalid_state: "Your sign-in session expired or was opened in another tab. Please start again.",
  state_mismatch: "Your sign-in session expired or was opened in another tab. Please start again.",
  provider_error: "The identity provider reported an error. Please try again in a moment.",
  provider_unavailable: "The identity provider could not be reached. Please try again in a moment.",
  provider_not_configured: "That sign-in method is not enabled on this platform. Choose another one.",
  email_not_verified: "Your email address is not verified with that provider. Verify it there, then sign in again.",
  account_disabled: "This account has been disabled. Contact your platform administrator.",
  session_expired: "Your session has expired. Please sign in again.",
  signed_out: "You have been signed out.",
};

const genericMessage = "We could not sign you in. Please try again.";

export function signInErrorMessage(code: string): string {
  return Object.hasOwn(messages, code) ? (messages[code] ?? genericMessage) : genericMessage;
}
