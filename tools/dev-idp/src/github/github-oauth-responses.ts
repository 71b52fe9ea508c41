import type { IncomingMessage, ServerResponse } from "node:http";

const troubleshootingUrl =
  "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors";

/** The token endpoint's errors, with GitHub's own wording. */
export const gitHubTokenErrors = {
  incorrect_client_credentials: {
    error_description: "The client_id and/or client_secret passed are incorrect.",
    error_uri: `${troubleshootingUrl}/#incorrect-client-credentials`,
  },
  redirect_uri_mismatch: {
    error_description: "The redirect_uri MUST match the registered callback URL for this application.",
    error_uri: `${troubleshootingUrl}/#redirect-uri-mismatch2`,
  },
  bad_verification_code: {
    error_description: "The code passed is incorrect or expired.",
    error_uri: `${troubleshootingUrl}/#bad-verification-code`,
  },
} as const;

export type GitHubTokenError = keyof typeof gitHubTokenErrors;

/**
 * GitHub answers the token endpoint with 200 even for errors, and in the format the `Accept`
 * header asks for: JSON, or form-encoded when JSON was not asked for. Both quirks are kept so the
 * platform's code handles the real GitHub.
 */
export function sendTokenEndpointAnswer(
  req: IncomingMessage,
  res: ServerResponse,
  fields: Record<string, string>,
): void {
  const wantsJson = (req.headers.accept ?? "").toLowerCase().includes("application/json");
  res.writeHead(200, {
    "content-type": wantsJson ? "application/json; charset=utf-8" : "application/x-www-form-urlencoded; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(wantsJson ? JSON.stringify(fields) : new URLSearchParams(fields).toString());
}

export function sendTokenError(req: IncomingMessage, res: ServerResponse, error: GitHubTokenError): void {
  sendTokenEndpointAnswer(req, res, { error, ...gitHubTokenErrors[error] });
}

/** REST API answers (`/user`, errors) are always JSON, as on api.github.com. */
export function sendApiJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

export function sendRedirect(res: ServerResponse, location: URL): void {
  res.writeHead(302, { location: location.href, "cache-control": "no-store" });
  res.end();
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}
