import type { IncomingMessage, ServerResponse } from "node:http";
import Provider from "oidc-provider";
import { listenOnLoopback, type RequestHandler } from "../http/loopback-http-server";
import { renderAvatarSvg } from "../login/avatar-svg";
import { handleOidcInteraction } from "./oidc-interaction-routes";
import { buildOidcProviderConfiguration, interactionPathPrefix, type DevOidcClient } from "./oidc-provider-configuration";
import { generateRs256SigningJwk } from "./oidc-signing-keys";
import { defaultOidcUsers, malloryOidcUser, type DevOidcUser } from "./oidc-test-users";

export interface DevOidcProviderOptions {
  /** 0 (the default) picks a free port. The provider always binds 127.0.0.1. */
  port?: number;
  clients: readonly DevOidcClient[];
  /** Replaces the default users (alice, bob). */
  users?: readonly DevOidcUser[];
  /** Adds mallory@example.com, whose e-mail is not verified. */
  includeUnverifiedUser?: boolean;
  /**
   * true (default): ID tokens carry email, email_verified, name, picture as Google's do.
   * false: ID tokens carry only `sub`; the claims come from userinfo, as with some providers.
   */
  claimsInIdToken?: boolean;
}

export interface DevOidcProvider {
  /** `http://127.0.0.1:<port>`; discovery is at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  users: readonly Required<DevOidcUser>[];
  stop(): Promise<void>;
}

const avatarPathPrefix = "/avatars/";

/**
 * A real OpenID Provider (the certified `oidc-provider` package) on loopback, so the platform's
 * OIDC sign-in is tested against the actual protocol: discovery, authorization code with PKCE
 * S256, nonce, RS256 ID tokens, userinfo. State is in memory and keys are new on every start.
 */
export async function startDevOidcProvider(options: DevOidcProviderOptions): Promise<DevOidcProvider> {
  const configuredUsers = [
    ...(options.users ?? defaultOidcUsers),
    ...(options.includeUnverifiedUser ? [malloryOidcUser] : []),
  ];
  let handler: RequestHandler = (_req, res) => {
    res.writeHead(503).end();
  };
  const server = await listenOnLoopback(options.port ?? 0, () => handler);
  const issuer = server.origin;
  const users = configuredUsers.map((user) => ({
    ...user,
    picture: user.picture ?? `${issuer}${avatarPathPrefix}${encodeURIComponent(user.sub)}.svg`,
  }));

  try {
    const provider = new Provider(
      issuer,
      buildOidcProviderConfiguration({
        clients: options.clients,
        users,
        signingKey: await generateRs256SigningJwk(),
        claimsInIdToken: options.claimsInIdToken ?? true,
      }),
    );
    const oidcCallback = provider.callback();
    handler = (req: IncomingMessage, res: ServerResponse) => {
      const path = new URL(req.url ?? "/", issuer).pathname;
      if (path.startsWith(interactionPathPrefix)) return handleOidcInteraction(provider, users, req, res);
      if (path.startsWith(avatarPathPrefix)) return serveAvatar(users, path, res);
      return oidcCallback(req, res);
    };
  } catch (error) {
    await server.stop();
    throw error;
  }

  return { issuer, users, stop: () => server.stop() };
}

function serveAvatar(users: readonly Required<DevOidcUser>[], path: string, res: ServerResponse): void {
  const sub = decodeURIComponent(path.slice(avatarPathPrefix.length).replace(/\.svg$/, ""));
  const user = users.find((candidate) => candidate.sub === sub);
  if (!user) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": "image/svg+xml", "cache-control": "public, max-age=3600" });
  res.end(renderAvatarSvg(user.name));
}
