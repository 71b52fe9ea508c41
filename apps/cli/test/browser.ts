import { completeAuthorization } from "@hks/dev-idp";

export interface LoopbackAnswer {
  /** Where the platform sent the browser: the CLI's loopback redirect with `code` and `state`. */
  loopbackUrl: URL;
  status: number;
  body: string;
}

/**
 * Plays the user's browser from the sign-in URL `hks login` printed: the identity provider's
 * pages (via `completeAuthorization`, which stops at the redirect to the platform's callback),
 * the platform's callback (which answers 303 to the CLI's loopback server), and finally the
 * loopback server itself. `tamper` may change the loopback URL, as an attacker's page would.
 */
export async function signInWithBrowser(
  signInUrl: string,
  options: { user: string; platformCallbackUrl: string; tamper?: (loopbackUrl: URL) => void },
): Promise<LoopbackAnswer> {
  const providerRedirect = await completeAuthorization(signInUrl, { user: options.user, redirectUri: options.platformCallbackUrl });
  const platform = await fetch(providerRedirect, { redirect: "manual" });
  await platform.body?.cancel();
  const location = platform.headers.get("location");
  if (platform.status !== 303 || !location) {
    throw new Error(`the platform's callback answered ${platform.status} (location ${location ?? "none"})`);
  }
  const loopbackUrl = new URL(location);
  options.tamper?.(loopbackUrl);
  const loopback = await fetch(loopbackUrl, { redirect: "manual" });
  return { loopbackUrl, status: loopback.status, body: await loopback.text() };
}
