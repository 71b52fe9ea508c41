import { jwksSchema, openIdConfigurationSchema } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { publicAccess } from "../../http/route-access";
import type { Identity } from "../identity";

/**
 * The platform as a standards OIDC issuer: clusters (and anyone else) can verify platform tokens
 * from the discovery document and the JWKS, e.g. with a Kubernetes AuthenticationConfiguration.
 */
export function registerWellKnownRoutes(app: FastifyInstance, identity: Identity): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();
  const issuer = identity.auth.tokenIssuer;

  zod.get(
    "/.well-known/jwks.json",
    {
      config: { access: publicAccess("public keys that verify platform tokens") },
      schema: { tags: ["auth"], summary: "Token signing keys (current and previous)", response: { 200: jwksSchema } },
    },
    async (_request, reply) => {
      reply.header("cache-control", "public, max-age=300");
      return identity.keys.jwks();
    },
  );

  zod.get(
    "/.well-known/openid-configuration",
    {
      config: { access: publicAccess("OIDC discovery") },
      schema: { tags: ["auth"], summary: "OpenID Connect discovery document", response: { 200: openIdConfigurationSchema } },
    },
    async (_request, reply) => {
      reply.header("cache-control", "public, max-age=3600");
      return {
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        authorization_endpoint: `${identity.auth.publicUrl}/sign-in`,
        token_endpoint: `${issuer}/auth/token`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_methods_supported: ["none"],
        code_challenge_methods_supported: ["S256"],
        grant_types_supported: ["authorization_code", "refresh_token"],
        claims_supported: ["iss", "sub", "aud", "exp", "iat", "jti", "uid", "email", "provider", "orgs", "sid", "fp", "typ"],
      };
    },
  );
}
