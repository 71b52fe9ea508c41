import type { IncomingMessage, ServerResponse } from "node:http";
import { listenOnLoopback, type RequestHandler } from "../http/loopback-http-server";
import { RequestBodyError } from "../http/read-request-body";
import { renderAvatarSvg } from "../login/avatar-svg";
import type { FakeGitHub, FakeGitHubOptions } from "./fake-github-options";
import { getAuthenticatedUser, getAuthenticatedUserEmails, userEmailsPath, userPath } from "./github-api-routes";
import { answerGitHubAuthorizePage, authorizePath, showGitHubAuthorizePage } from "./github-authorize-routes";
import { sendApiJson } from "./github-oauth-responses";
import { GitHubOAuthStore } from "./github-oauth-store";
import { accessTokenPath, exchangeGitHubCode } from "./github-token-route";
import { defaultGitHubUsers } from "./github-test-users";

const avatarPathPrefix = "/avatars/";

/**
 * A server that speaks GitHub's OAuth App protocol (web application flow with PKCE) and the two
 * REST endpoints a sign-in needs, so the platform's GitHub code path runs unchanged against it with
 * only its base URLs pointed here. GitHub itself cannot run on this machine.
 */
export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  for (const client of options.clients) {
    // GitHub apps always have a callback URL; errors for a wrong redirect_uri are sent there.
    if (client.redirectUris.length === 0) throw new Error(`fake GitHub client ${client.clientId} needs a redirect URI`);
  }
  const store = new GitHubOAuthStore();
  let handler: RequestHandler = (_req, res) => {
    res.writeHead(503).end();
  };
  const server = await listenOnLoopback(options.port ?? 0, () => handler);
  const baseUrl = server.origin;
  const users = (options.users ?? defaultGitHubUsers).map((user) => ({
    ...user,
    avatarUrl: user.avatarUrl ?? `${baseUrl}${avatarPathPrefix}${encodeURIComponent(user.login)}.svg`,
  }));
  const context = { clients: options.clients, users, store };

  handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", baseUrl);
    const route = `${req.method} ${url.pathname}`;
    try {
      if (route === `GET ${authorizePath}`) return showGitHubAuthorizePage(context, url, res);
      if (route === `POST ${authorizePath}`) return await answerGitHubAuthorizePage(context, req, res);
      if (route === `POST ${accessTokenPath}`) return await exchangeGitHubCode(context, url, req, res);
      if (route === `GET ${userPath}`) return getAuthenticatedUser(context, req, res);
      if (route === `GET ${userEmailsPath}`) return getAuthenticatedUserEmails(context, req, res);
      if (req.method === "GET" && url.pathname.startsWith(avatarPathPrefix)) {
        const login = decodeURIComponent(url.pathname.slice(avatarPathPrefix.length).replace(/\.svg$/, ""));
        const user = users.find((candidate) => candidate.login === login);
        if (user) {
          res.writeHead(200, { "content-type": "image/svg+xml", "cache-control": "public, max-age=3600" });
          res.end(renderAvatarSvg(user.name ?? user.login));
          return;
        }
      }
      sendApiJson(res, 404, { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" });
    } catch (error) {
      if (!(error instanceof RequestBodyError)) throw error;
      sendApiJson(res, 400, { message: error.message, status: "400" });
    }
  };

  return { baseUrl, users, stop: () => server.stop() };
}
