import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { readRequestFields } from "../http/read-request-body";
import { loginFormFields, renderLoginPage } from "../login/login-page";
import { interactionPathPrefix } from "./oidc-provider-configuration";
import type { DevOidcUser } from "./oidc-test-users";

/**
 * The login step of oidc-provider's interaction flow: GET shows the test users, POST finishes the
 * interaction with the chosen account (or `access_denied` on cancel). Consent never shows up here
 * because `loadExistingGrant` grants it for the configured clients.
 */
export async function handleOidcInteraction(
  provider: Provider,
  users: readonly DevOidcUser[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? "/", "http://placeholder").pathname;
  const [uid, action] = path.slice(interactionPathPrefix.length).split("/");

  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    // Expired or foreign interaction (cookie missing): nothing to resume.
    sendText(res, 400, "This sign-in request has expired or is unknown. Start the sign-in again.");
    return;
  }
  if (details.uid !== uid) {
    sendText(res, 400, "This sign-in request does not match the current interaction.");
    return;
  }

  if (req.method === "GET" && action === undefined) {
    const clientId = String(details.params.client_id ?? "");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(
      renderLoginPage({
        providerName: "Development OIDC provider",
        clientName: clientId,
        formAction: `${interactionPathPrefix}${details.uid}/login`,
        hiddenFields: {},
        accounts: users.map((user) => ({
          value: user.email,
          name: user.name,
          detail: `${user.email}${user.emailVerified ? "" : ", e-mail not verified"}`,
        })),
      }),
    );
    return;
  }

  if (req.method === "POST" && action === "login") {
    const fields = await readRequestFields(req);
    if (fields.has(loginFormFields.cancel)) {
      await provider.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "The user cancelled the sign-in." },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const user = users.find((candidate) => candidate.email === fields.get(loginFormFields.user));
    if (!user) {
      sendText(res, 400, "Unknown test user.");
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
    return;
  }

  sendText(res, 404, "Not found.");
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}
