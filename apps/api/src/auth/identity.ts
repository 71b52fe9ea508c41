import { createHmac } from "node:crypto";
import { createAuditWriter, type AuditWriter } from "@hks/audit";
import type { Cache } from "@hks/cache";
import type { AuthConfig, Config } from "@hks/config";
import type { Database } from "@hks/db";
import type { SecretBox } from "@hks/encryption";
import { createThrottledAudit } from "../security/throttled-audit";
import { createUserRepository } from "../users/user-repository";
import type { AuthenticationDeps } from "./authenticate";
import { createCsrfTokens } from "./csrf-tokens";
import { createSigningKeyStore } from "./keys/signing-key-store";
import { createLoginService } from "./login/login-service";
import { createProviderRegistry } from "./providers/provider-registry";
import { createSessionLiveness } from "./sessions/session-liveness";
import { createSessionService } from "./sessions/session-service";
import { createAccessTokens } from "./tokens/access-tokens";
import { createKubeTokens } from "./tokens/kube-tokens";
import { createTokenIssuer, type OrganizationLookup } from "./tokens/token-issuer";

/**
 * Wires the identity module's services from the process's dependencies. Each piece takes only
 * what it needs, so tests can build any of them alone.
 */
export function createIdentity(deps: {
  config: Config;
  db: Database;
  cache: Cache;
  secretBox: SecretBox;
  masterKey: Buffer;
  organizationsOf: OrganizationLookup;
  audit?: AuditWriter;
}) {
  const auth: AuthConfig = deps.config.auth;
  const audit =
    deps.audit ??
    createAuditWriter({ days: { security: auth.auditRetentionDays.security, failure: auth.auditRetentionDays.default, operation: auth.auditRetentionDays.default } });
  const keys = createSigningKeyStore({ db: deps.db, secretBox: deps.secretBox, audit, rotationSeconds: auth.signingKeyRotationSeconds });
  const accessTokens = createAccessTokens({ keys, issuer: auth.tokenIssuer, ttlSeconds: auth.accessTokenTtlSeconds });
  const kubeTokens = createKubeTokens({ keys, issuer: auth.tokenIssuer });
  const liveness = createSessionLiveness({ cache: deps.cache, idleSeconds: auth.sessionIdleSeconds });
  const sessions = createSessionService({
    db: deps.db,
    liveness,
    audit,
    policy: {
      idleSeconds: auth.sessionIdleSeconds,
      absoluteSeconds: auth.sessionAbsoluteSeconds,
      maxPerUser: auth.maxSessionsPerUser,
      refreshTokenTtlSeconds: auth.refreshTokenTtlSeconds,
    },
  });
  const tokens = createTokenIssuer({ accessTokens, fingerprint: auth.fingerprint, organizationsOf: deps.organizationsOf });
  const providers = createProviderRegistry(auth.providers, deps.config.env);
  const login = createLoginService({ db: deps.db, cache: deps.cache, audit, providers, sessions, tokens, publicUrl: auth.publicUrl });
  // A key of its own for CSRF signatures, derived so it never equals the encryption key.
  const csrf = createCsrfTokens(createHmac("sha256", deps.masterKey).update("hexabase-kaas csrf v1").digest());
  const throttledAudit = createThrottledAudit({ db: deps.db, cache: deps.cache, audit });
  const users = createUserRepository(deps.db);
  const authenticationDeps: AuthenticationDeps = { accessTokens, liveness, sessions, csrf, throttledAudit, fingerprint: auth.fingerprint };
  return { auth, audit, keys, accessTokens, kubeTokens, liveness, sessions, tokens, providers, login, csrf, throttledAudit, users, authenticationDeps };
}

export type Identity = ReturnType<typeof createIdentity>;
