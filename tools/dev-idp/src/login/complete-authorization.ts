import { CookieJar } from "./cookie-jar";
import { parseLoginForm } from "./login-form";
import { loginFormFields } from "./login-page";

export type AuthorizationChoice = (
  | {
      /** Test user to sign in as: the e-mail for the OIDC provider, the login for fake GitHub. */
      user: string;
    }
  | {
      /** Press "Cancel": the identity provider redirects back with `error=access_denied`. */
      cancel: true;
    }
) & {
  /** Where to stop; defaults to the first `redirect_uri` parameter seen on the way. */
  redirectUri?: string;
};

const maxRequests = 12;

/**
 * Plays the browser in an OAuth/OIDC sign-in without a browser: follows the identity provider's
 * redirects with a cookie jar, submits its login page for the chosen test user, and stops at the
 * redirect back to the client, returning that URL (with `code` and `state`, or `error`) without
 * requesting it, so the test can call the platform's callback itself.
 */
export async function completeAuthorization(authorizationUrl: string | URL, choice: AuthorizationChoice): Promise<URL> {
  const jar = new CookieJar();
  let redirectUri = choice.redirectUri;
  let request: { url: URL; method: "GET" | "POST"; body?: URLSearchParams } = {
    url: new URL(authorizationUrl),
    method: "GET",
  };
  let loginOrigin: string | undefined;

  for (let count = 0; count < maxRequests; count += 1) {
    redirectUri ??= request.url.searchParams.get("redirect_uri") ?? undefined;
    const headers: Record<string, string> = { accept: "text/html" };
    const cookie = jar.headerFor(request.url);
    if (cookie) headers.cookie = cookie;
    const response = await fetch(request.url, {
      method: request.method,
      headers,
      body: request.body,
      redirect: "manual",
    });
    jar.storeFrom(request.url, response);

    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, request.url);
      const leftLoginOrigin = loginOrigin !== undefined && next.origin !== loginOrigin;
      if ((redirectUri !== undefined && isRedirectTo(next, redirectUri)) || leftLoginOrigin) return next;
      request = { url: next, method: "GET" };
      continue;
    }

    const text = await response.text();
    const form = response.status === 200 ? parseLoginForm(text, request.url) : undefined;
    if (!form) {
      throw new Error(
        `Identity provider answered ${response.status} at ${request.url.href}: ${text.slice(0, 300)}`,
      );
    }
    if (loginOrigin !== undefined) throw new Error("Identity provider showed its login page twice");
    loginOrigin = request.url.origin;
    request = { url: form.action, method: "POST", body: loginSubmission(form.hiddenFields, form.userChoices, choice) };
  }
  throw new Error(`Gave up after ${maxRequests} requests without reaching the redirect URI`);
}

function loginSubmission(
  hiddenFields: Record<string, string>,
  userChoices: readonly string[],
  choice: AuthorizationChoice,
): URLSearchParams {
  const body = new URLSearchParams(hiddenFields);
  if ("cancel" in choice) {
    body.set(loginFormFields.cancel, "1");
    return body;
  }
  if (!userChoices.includes(choice.user)) {
    throw new Error(`No test user "${choice.user}" on the login page; it offers: ${userChoices.join(", ")}`);
  }
  body.set(loginFormFields.user, choice.user);
  return body;
}

function isRedirectTo(target: URL, redirectUri: string): boolean {
  const expected = new URL(redirectUri);
  return target.origin === expected.origin && target.pathname === expected.pathname;
}
