import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml } from "../http/html-escape";
import { readRequestFields } from "../http/read-request-body";
import { loginFormFields, renderLoginPage } from "../login/login-page";
import type { FakeGitHubClient } from "./fake-github-options";
import { sendHtml, sendRedirect } from "./github-oauth-responses";
import type { GitHubOAuthStore } from "./github-oauth-store";
import type { FakeGitHubUser } from "./github-test-users";

export const authorizePath = "/login/oauth/authorize";
const pendingField = "authorization_request";
const authorizationErrorsUrl =
  "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors";
/** RFC 7636 §4.2: S256 challenges are 43 base64url characters. */
const s256ChallengePattern = /^[A-Za-z0-9_-]{43}$/;

export interface AuthorizeRouteContext {
  clients: readonly FakeGitHubClient[];
  users: readonly FakeGitHubUser[];
  store: GitHubOAuthStore;
}

/** `GET /login/oauth/authorize`: validates the request the way GitHub does, then shows the test users. */
export function showGitHubAuthorizePage(context: AuthorizeRouteContext, url: URL, res: ServerResponse): void {
  const params = url.searchParams;
  const client = context.clients.find((candidate) => candidate.clientId === params.get("client_id"));
  if (!client) {
    // GitHub shows a 404 page for an unknown application and redirects nowhere.
    sendHtml(res, 404, notFoundPage());
    return;
  }
  const state = params.get("state") ?? undefined;
  const requestedRedirectUri = params.get("redirect_uri") ?? undefined;
  // startFakeGitHub refuses clients without one.
  const registeredRedirectUri = client.redirectUris[0] as string;
  // Exact match (RFC 9700 §4.1.3); GitHub also accepts sub-paths, which the platform never needs.
  if (requestedRedirectUri !== undefined && !client.redirectUris.includes(requestedRedirectUri)) {
    // GitHub sends this error to the registered callback URL, never to the unregistered one.
    sendRedirect(
      res,
      withParams(registeredRedirectUri, {
        error: "redirect_uri_mismatch",
        error_description: "The redirect_uri MUST match the registered callback URL for this application.",
        error_uri: `${authorizationErrorsUrl}/#redirect-uri-mismatch`,
        state,
      }),
    );
    return;
  }
  const redirectUri = requestedRedirectUri ?? registeredRedirectUri;

  const codeChallenge = params.get("code_challenge") ?? undefined;
  const codeChallengeMethod = params.get("code_challenge_method") ?? undefined;
  if (codeChallenge !== undefined || codeChallengeMethod !== undefined) {
    // GitHub supports S256 only; `plain` (or a missing method, which means plain) is refused.
    if (codeChallengeMethod !== "S256" || codeChallenge === undefined || !s256ChallengePattern.test(codeChallenge)) {
      sendRedirect(
        res,
        withParams(redirectUri, {
          error: "invalid_request",
          error_description: "code_challenge must be a S256 challenge with code_challenge_method=S256.",
          state,
        }),
      );
      return;
    }
  }

  const pendingId = context.store.savePending({
    clientId: client.clientId,
    redirectUri,
    redirectUriSent: requestedRedirectUri !== undefined,
    state,
    scopes: parseScopes(params.get("scope")),
    codeChallenge,
  });
  sendHtml(
    res,
    200,
    renderLoginPage({
      providerName: "Fake GitHub",
      clientName: client.clientId,
      formAction: authorizePath,
      hiddenFields: { [pendingField]: pendingId },
      accounts: context.users.map((user) => ({
        value: user.login,
        name: user.name ?? user.login,
        detail: describeGitHubAccount(user),
      })),
    }),
  );
}

/** `POST /login/oauth/authorize`: the login page's answer; redirects back with a code or `access_denied`. */
export async function answerGitHubAuthorizePage(
  context: AuthorizeRouteContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const fields = await readRequestFields(req);
  const pending = context.store.takePending(fields.get(pendingField) ?? "");
  if (!pending) {
    sendHtml(res, 400, messagePage("This sign-in request has expired or was already answered. Start the sign-in again."));
    return;
  }
  if (fields.has(loginFormFields.cancel)) {
    sendRedirect(
      res,
      withParams(pending.redirectUri, {
        error: "access_denied",
        error_description: "The user has denied your application access.",
        error_uri: `${authorizationErrorsUrl}/#access-denied`,
        state: pending.state,
      }),
    );
    return;
  }
  const user = context.users.find((candidate) => candidate.login === fields.get(loginFormFields.user));
  if (!user) {
    sendHtml(res, 400, messagePage("Unknown test user."));
    return;
  }
  const code = context.store.issueCode(pending, user.id);
  sendRedirect(res, withParams(pending.redirectUri, { code, state: pending.state }));
}

function describeGitHubAccount(user: FakeGitHubUser): string {
  const primary = user.emails.find((email) => email.primary);
  if (!primary) return `@${user.login}, no e-mail`;
  return `@${user.login}, ${primary.email}${primary.verified ? "" : ", e-mail not verified"}`;
}

/** GitHub takes space- or comma-separated scopes and reports them comma-separated. */
export function parseScopes(scope: string | null): string[] {
  return [...new Set((scope ?? "").split(/[\s,]+/).filter(Boolean))];
}

function withParams(base: string, params: Record<string, string | undefined>): URL {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return url;
}

function notFoundPage(): string {
  return messagePage("Not Found: no OAuth application with this client_id.");
}

function messagePage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake GitHub</title></head><body><main><h1>Fake GitHub</h1><p>${escapeHtml(message)}</p></main></body></html>`;
}
