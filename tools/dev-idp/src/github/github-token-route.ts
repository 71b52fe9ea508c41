import type { IncomingMessage, ServerResponse } from "node:http";
import { readRequestFields } from "../http/read-request-body";
import type { FakeGitHubClient } from "./fake-github-options";
import { sendTokenEndpointAnswer, sendTokenError } from "./github-oauth-responses";
import { constantTimeEquals, s256CodeChallenge, type GitHubOAuthStore } from "./github-oauth-store";

export const accessTokenPath = "/login/oauth/access_token";

export interface TokenRouteContext {
  clients: readonly FakeGitHubClient[];
  store: GitHubOAuthStore;
}

/**
 * `POST /login/oauth/access_token`: exchanges a code for a token. Parameters may come in the query
 * string, a form body or a JSON body, and client credentials in the body or HTTP Basic, as GitHub
 * accepts all of them.
 */
export async function exchangeGitHubCode(
  context: TokenRouteContext,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const params = new Map(url.searchParams);
  for (const [name, value] of await readRequestFields(req)) params.set(name, value);
  const credentials = basicCredentials(req) ?? {
    clientId: params.get("client_id") ?? "",
    clientSecret: params.get("client_secret") ?? "",
  };

  const client = context.clients.find((candidate) => candidate.clientId === credentials.clientId);
  if (!client || !constantTimeEquals(client.clientSecret, credentials.clientSecret)) {
    sendTokenError(req, res, "incorrect_client_credentials");
    return;
  }

  const code = context.store.redeemCode(params.get("code") ?? "");
  if (!code || code.clientId !== client.clientId) {
    sendTokenError(req, res, "bad_verification_code");
    return;
  }

  const redirectUri = params.get("redirect_uri");
  if ((redirectUri !== undefined && redirectUri !== code.redirectUri) || (code.redirectUriSent && redirectUri === undefined)) {
    sendTokenError(req, res, "redirect_uri_mismatch");
    return;
  }

  // With a challenge the verifier must match; without one a verifier is refused too, so a
  // PKCE downgrade (challenge stripped from the authorization request) is caught (RFC 9700 §2.1.1).
  const verifier = params.get("code_verifier");
  const pkceHolds =
    code.codeChallenge === undefined
      ? verifier === undefined
      : verifier !== undefined && constantTimeEquals(s256CodeChallenge(verifier), code.codeChallenge);
  if (!pkceHolds) {
    sendTokenError(req, res, "bad_verification_code");
    return;
  }

  sendTokenEndpointAnswer(req, res, {
    access_token: context.store.issueAccessToken(code),
    token_type: "bearer",
    scope: code.scopes.join(","),
  });
}

function basicCredentials(req: IncomingMessage): { clientId: string; clientSecret: string } | undefined {
  const header = req.headers.authorization ?? "";
  if (!/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice("basic ".length).trim(), "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  if (separator < 0) return undefined;
  // RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
  const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, " "));
  return { clientId: decode(decoded.slice(0, separator)), clientSecret: decode(decoded.slice(separator + 1)) };
}
