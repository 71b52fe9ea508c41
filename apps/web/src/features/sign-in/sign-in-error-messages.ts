/**
 * Messages for the `?error=<code>` on `/sign-in`: the API's OAuth callback redirects back with one
 * when sign-in fails, and the console adds `signed_out` / `session_expired`. The code comes from
 * the URL, so only known codes get specific wording; anything else gets a generic message and the
 * raw value is never rendered (it could be crafted to mislead the reader).
 */
export interface SignInNotice {
  /** `info` for what the user did or expected (signed out, session over); `error` for failures. */
  tone: "info" | "error";
  message: string;
}

const notices: Record<string, SignInNotice> = {
  access_denied: { tone: "error", message: "Sign-in was cancelled or the provider denied access. Please try again." },
  invalid_state: { tone: "error", message: "Your sign-in session expired or was opened in another tab. Please start again." },
  state_mismatch: { tone: "error", message: "Your sign-in session expired or was opened in another tab. Please start again." },
  provider_error: { tone: "error", message: "The identity provider reported an error. Please try again in a moment." },
  provider_unavailable: { tone: "error", message: "The identity provider could not be reached. Please try again in a moment." },
  provider_not_configured: { tone: "error", message: "That sign-in method is not enabled on this platform. Choose another one." },
  email_not_verified: {
    tone: "error",
    message: "Your email address is not verified with that provider. Verify it there, then sign in again.",
  },
  account_disabled: { tone: "error", message: "This account has been disabled. Contact your platform administrator." },
  session_expired: { tone: "info", message: "Your session has ended. Please sign in again." },
  signed_out: { tone: "info", message: "You have been signed out." },
};

const genericNotice: SignInNotice = { tone: "error", message: "We could not sign you in. Please try again." };

export function signInNotice(code: string): SignInNotice {
  return Object.hasOwn(notices, code) ? (notices[code] ?? genericNotice) : genericNotice;
}
