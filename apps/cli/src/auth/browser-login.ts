import { AppError } from "@hks/contracts";
import { CliError } from "../cli-error";
import type { StoredCredential } from "../config/config-schema";
import { describeDuration } from "../describe-duration";
import { redeemAuthorizationCode, type AuthProvider } from "./auth-endpoints";
import { signedInPage, signInFailedPage } from "./callback-page";
import { createLoginState, isExpectedState } from "./login-state";
import { startLoopbackCallbackServer, type LoopbackCallback } from "./loopback-callback-server";
import { createPkcePair } from "./pkce";
import { credentialFromTokenPair } from "./token-pair-credential";

export interface BrowserLoginOptions {
  apiUrl: string;
  provider: AuthProvider;
  deviceId: string;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  /** Shows the sign-in URL (and opens the browser, unless --no-browser). */
  present: (signInUrl: string) => void;
  /** Subscribes to Ctrl-C for as long as the login waits; returns the unsubscribe function. */
  onInterrupt?: ((handler: () => void) => () => void) | undefined;
  /** Stores the tokens; runs before the browser is told the sign-in worked. */
  save: (credential: StoredCredential) => Promise<void>;
}

/**
 * `hks login` in a browser (RFC 8252 native-app flow): a loopback server on a random port, a
 * fresh PKCE pair and state, the platform's sign-in URL for the chosen provider; then one wait for
 * the browser to come back with the platform's one-time code, which is redeemed (with the
 * verifier and the device id the session will be bound to) for the token pair.
 */
export async function signInThroughBrowser(options: BrowserLoginOptions): Promise<StoredCredential> {
  const server = await startLoopbackCallbackServer();
  try {
    const pkce = createPkcePair();
    const state = createLoginState();
    // Armed before the URL is shown, so a Ctrl-C right after it is ours to handle.
    const wait = startWaitingForBrowser(options);
    let callback: LoopbackCallback;
    try {
      options.present(signInUrl(options.apiUrl, options.provider.id, { redirectUri: server.redirectUri, state, challenge: pkce.challenge }));
      callback = await server.nextCallback(wait.signal);
    } finally {
      wait.stop();
    }
    const fail = async (reason: string, message: string): Promise<never> => {
      await callback.respond(signInFailedPage(reason));
      throw new CliError(message);
    };

    const params = callback.params;
    // Checked first: a request that does not carry our state is not the answer to our sign-in,
    // whatever else it says, and nothing in it may be used.
    if (!isExpectedState(state, params.get("state"))) {
      return await fail(
        "This response does not belong to the sign-in hks started.",
        "refused the browser's response: its state does not match this sign-in (a stale tab or another program); nothing was saved",
      );
    }
    const providerError = params.get("error");
    if (providerError !== null) {
      return await fail("The sign-in did not complete.", `sign-in failed: ${providerError}`);
    }
    const code = params.get("code");
    if (!code) return await fail("The response carries no authorization code.", "sign-in failed: the browser's response had no code");

    const requestedAtMs = Date.now();
    let credential: StoredCredential;
    try {
      const pair = await redeemAuthorizationCode(
        { apiUrl: options.apiUrl, deviceId: options.deviceId, fetch: options.fetch },
        { code, codeVerifier: pkce.verifier, redirectUri: server.redirectUri },
      );
      credential = credentialFromTokenPair(pair, requestedAtMs);
      await options.save(credential);
    } catch (error) {
      const reason = error instanceof AppError ? `${error.code}: ${error.message}` : "see the terminal";
      await callback.respond(signInFailedPage(`hks could not finish the sign-in (${reason}).`));
      throw error;
    }
    await callback.respond(signedInPage());
    return credential;
  } finally {
    await server.close();
  }
}

function signInUrl(apiUrl: string, providerId: string, flow: { redirectUri: string; state: string; challenge: string }): string {
  const url = new URL(`${apiUrl}/auth/login/${encodeURIComponent(providerId)}`);
  url.searchParams.set("client", "cli");
  url.searchParams.set("redirect_uri", flow.redirectUri);
  url.searchParams.set("state", flow.state);
  url.searchParams.set("code_challenge", flow.challenge);
  url.searchParams.set("code_challenge_method", "S256");
  return url.href;
}

/**
 * The end of the wait for the browser: the timeout or Ctrl-C, whichever comes first. A failed
 * sign-in never reaches us (the platform sends the browser to its own sign-in page with the
 * error), so the timeout is what ends that case, and its message says where to look.
 */
function startWaitingForBrowser(options: BrowserLoginOptions): { signal: AbortSignal; stop: () => void } {
  const abort = new AbortController();
  const timer = setTimeout(
    () =>
      abort.abort(
        new CliError(
          `timed out after ${describeDuration(options.timeoutMs)} waiting for the browser to finish signing in; ` +
            "if the browser showed an error, fix that, then run `hks login` again (--timeout <seconds> waits longer)",
        ),
      ),
    options.timeoutMs,
  );
  const unsubscribe = options.onInterrupt?.(() =>
    abort.abort(new CliError("sign-in cancelled; nothing was saved", { exitCode: 130 })),
  );
  return {
    signal: abort.signal,
    stop: () => {
      clearTimeout(timer);
      unsubscribe?.();
    },
  };
}
