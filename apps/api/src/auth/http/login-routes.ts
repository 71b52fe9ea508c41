import { AppError, authProvidersSchema, errorEnvelopeSchema } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { publicAccess } from "../../http/route-access";
import type { Identity } from "../identity";
import { LoginFailure, newDeviceId } from "../login/login-service";
import { requestOriginOf } from "../request-device";
import { COOKIE, setDeviceCookie, setSessionCookies } from "./auth-cookies";

const providerParams = z.object({ provider: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, "unknown provider") });

const loginQuery = z
  .object({
    redirect: z.string().max(2048).optional().describe("Dashboard path to return to after sign-in"),
    client: z.enum(["web", "cli"]).default("web"),
    redirect_uri: z.string().max(300).optional().describe("CLI only: http://127.0.0.1:<port>/… loopback redirect"),
    state: z.string().max(200).optional().describe("CLI only: the CLI's own state, echoed back"),
    code_challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/).optional().describe("CLI only: PKCE S256 challenge"),
    code_challenge_method: z.literal("S256").optional(),
  })
  .refine((query) => query.client === "web" || (query.redirect_uri && query.state && query.code_challenge && query.code_challenge_method === "S256"), {
    message: "client=cli needs redirect_uri, state, code_challenge and code_challenge_method=S256",
  });

export function registerLoginRoutes(app: FastifyInstance, identity: Identity): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();
  const signInPage = (error: string) => `${identity.auth.publicUrl}/sign-in?error=${encodeURIComponent(error)}`;

  zod.get(
    "/auth/providers",
    {
      config: { access: publicAccess("the sign-in page lists providers before anyone is signed in") },
      schema: { tags: ["auth"], summary: "Configured sign-in providers", response: { 200: authProvidersSchema } },
    },
    async () => ({ providers: identity.providers.list().map(({ id, name, kind }) => ({ id, name, kind })) }),
  );

  zod.get(
    "/auth/login/:provider",
    {
      config: { access: publicAccess("starts a sign-in"), rateLimitClass: "login" },
      schema: {
        tags: ["auth"],
        summary: "Start sign-in with a provider (authorization code + PKCE)",
        description: "Redirects to the provider. Browsers come back through /auth/callback/{provider}; the CLI passes its loopback redirect and PKCE challenge and later calls POST /auth/token.",
        params: providerParams,
        querystring: loginQuery,
        response: { 302: z.null().describe("Redirect to the provider"), 400: errorEnvelopeSchema, 404: errorEnvelopeSchema, 429: errorEnvelopeSchema, 503: errorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const origin = requestOriginOf(request);
      if (request.query.client === "web" && !origin.deviceId) {
        // The device cookie is what the session (and its tokens' fingerprint) will be bound to.
        const deviceId = newDeviceId();
        setDeviceCookie(reply, deviceId);
      }
      const url = await identity.login.start(
        {
          providerId: request.params.provider,
          returnTo: request.query.redirect,
          cli:
            request.query.client === "cli"
              ? { redirectUri: request.query.redirect_uri ?? "", state: request.query.state ?? "", codeChallenge: request.query.code_challenge ?? "" }
              : undefined,
        },
        origin,
      );
      return reply.redirect(url.href, 302);
    },
  );

  zod.get(
    "/auth/callback/:provider",
    {
      config: { access: publicAccess("the provider redirects the browser here"), rateLimitClass: "login" },
      schema: {
        tags: ["auth"],
        summary: "Provider callback: finishes sign-in",
        description: "Browsers get session cookies and are redirected to the dashboard; a failure redirects to /sign-in?error=<code>.",
        params: providerParams,
        // Providers may add parameters of their own (session_state, scope…); they pass through.
        querystring: z.looseObject({
          code: z.string().max(4096).optional(),
          state: z.string().max(200).optional(),
          iss: z.string().max(500).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(1000).optional(),
        }),
        response: { 303: z.null() },
      },
    },
    async (request, reply) => {
      const origin = requestOriginOf(request);
      const callbackUrl = new URL(`${identity.auth.publicUrl}${request.url}`);
      if (callbackUrl.searchParams.has("error")) {
        // The provider sent the user back without a code (cancelled, denied). Consume the state so
        // it cannot be replayed, and say what happened.
        await identity.login.complete(request.params.provider, callbackUrl, origin).catch(() => undefined);
        return reply.redirect(signInPage(callbackUrl.searchParams.get("error") === "access_denied" ? "access_denied" : "provider_error"), 303);
      }
      try {
        const result = await identity.login.complete(request.params.provider, callbackUrl, origin);
        if (result.client === "cli") return reply.redirect(result.redirect.href, 303);
        if (!request.cookies[COOKIE.device]) setDeviceCookie(reply, result.deviceId);
        setSessionCookies(reply, result.tokens, identity.csrf.issue(result.sessionId));
        return reply.redirect(`${identity.auth.publicUrl}${result.returnTo}`, 303);
      } catch (error) {
        if (error instanceof LoginFailure) return reply.redirect(signInPage(error.code), 303);
        if (error instanceof AppError && error.status < 500) return reply.redirect(signInPage("provider_error"), 303);
        throw error;
      }
    },
  );
}
