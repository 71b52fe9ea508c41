import type { IncomingMessage, ServerResponse } from "node:http";
import { sendApiJson } from "./github-oauth-responses";
import type { AccessTokenGrant, GitHubOAuthStore } from "./github-oauth-store";
import type { FakeGitHubUser } from "./github-test-users";

export const userPath = "/user";
export const userEmailsPath = "/user/emails";

export interface ApiRouteContext {
  users: readonly Required<FakeGitHubUser>[];
  store: GitHubOAuthStore;
}

/** Scopes that let a token read `/user/emails` on GitHub. */
const emailScopes = ["user:email", "user"];

/** `GET /user`: the signed-in user; `email` is the public address only, often null on GitHub. */
export function getAuthenticatedUser(context: ApiRouteContext, req: IncomingMessage, res: ServerResponse): void {
  const authenticated = authenticate(context, req, res, "https://docs.github.com/rest/users/users#get-the-authenticated-user");
  if (!authenticated) return;
  const { user, grant } = authenticated;
  const publicEmail = user.emails.find((email) => email.visibility === "public" && email.verified);
  sendApiJson(
    res,
    200,
    {
      login: user.login,
      id: user.id,
      node_id: Buffer.from(`04:User${user.id}`).toString("base64"),
      avatar_url: user.avatarUrl,
      html_url: `https://github.com/${user.login}`,
      type: "User",
      site_admin: false,
      name: user.name,
      email: publicEmail?.email ?? null,
    },
    scopeHeaders(grant, []),
  );
}

/** `GET /user/emails`: needs the `user:email` (or `user`) scope; GitHub answers 404 without it. */
export function getAuthenticatedUserEmails(context: ApiRouteContext, req: IncomingMessage, res: ServerResponse): void {
  const documentation = "https://docs.github.com/rest/users/emails#list-email-addresses-for-the-authenticated-user";
  const authenticated = authenticate(context, req, res, documentation);
  if (!authenticated) return;
  const { user, grant } = authenticated;
  const headers = scopeHeaders(grant, emailScopes);
  if (!grant.scopes.some((scope) => emailScopes.includes(scope))) {
    sendApiJson(res, 404, { message: "Not Found", documentation_url: documentation, status: "404" }, headers);
    return;
  }
  sendApiJson(
    res,
    200,
    user.emails.map(({ email, primary, verified, visibility }) => ({ email, primary, verified, visibility })),
    headers,
  );
}

function authenticate(
  context: ApiRouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  documentation: string,
): { user: Required<FakeGitHubUser>; grant: AccessTokenGrant } | undefined {
  // GitHub accepts both `Bearer <token>` and the older `token <token>`.
  const match = /^(?:bearer|token)\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  if (!match?.[1]) {
    sendApiJson(res, 401, { message: "Requires authentication", documentation_url: documentation, status: "401" });
    return undefined;
  }
  const grant = context.store.findAccessToken(match[1]);
  const user = grant && context.users.find((candidate) => candidate.id === grant.userId);
  if (!grant || !user) {
    sendApiJson(res, 401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" });
    return undefined;
  }
  return { user, grant };
}

/** GitHub reports a token's scopes on every API answer; clients use them to explain a 404. */
function scopeHeaders(grant: AccessTokenGrant, accepted: readonly string[]): Record<string, string> {
  return { "x-oauth-scopes": grant.scopes.join(", "), "x-accepted-oauth-scopes": accepted.join(", ") };
}
