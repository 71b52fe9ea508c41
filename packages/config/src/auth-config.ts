import type { RawConfig } from "./config-schema";

export type BuiltInProviderId = "google" | "github" | "gitlab";

export interface OidcProviderSettings {
  kind: "oidc";
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  scopes: string[];
}

export interface GitHubProviderSettings {
  kind: "github";
  id: "github";
  name: "GitHub";
  clientId: string;
  clientSecret: string;
  /** https://github.com (authorize and token endpoints live here). */
  webUrl: string;
  /** https://api.github.com (user and e-mail endpoints). */
  apiUrl: string;
}

export type ProviderSettings = OidcProviderSettings | GitHubProviderSettings;

export interface AuthConfig {
  /** The origin users browse (the dashboard); OAuth callbacks and cookies live on it. */
  publicUrl: string;
  /** `iss` of platform tokens and the base of the discovery document. */
  tokenIssuer: string;
  corsOrigins: string[];
  masterKey: Buffer | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  signingKeyRotationSeconds: number;
  sessionIdleSeconds: number;
  sessionAbsoluteSeconds: number;
  maxSessionsPerUser: number;
  fingerprint: RawConfig["HKS_FINGERPRINT"];
  rateLimitsPerMinute: { login: number; refresh: number; write: number; read: number; kube: number };
  auditRetentionDays: { security: number; default: number };
  providers: ProviderSettings[];
}

const DEFAULT_PUBLIC_URL = "http://127.0.0.1:3000";

export function authConfigFrom(raw: RawConfig): AuthConfig {
  const publicUrl = stripTrailingSlash(raw.HKS_PUBLIC_URL ?? DEFAULT_PUBLIC_URL);
  return {
    publicUrl,
    tokenIssuer: stripTrailingSlash(raw.HKS_TOKEN_ISSUER ?? publicUrl),
    corsOrigins: raw.HKS_CORS_ORIGINS.length > 0 ? raw.HKS_CORS_ORIGINS : [new URL(publicUrl).origin],
    masterKey: raw.HKS_MASTER_KEY,
    accessTokenTtlSeconds: raw.HKS_ACCESS_TOKEN_MINUTES * 60,
    refreshTokenTtlSeconds: raw.HKS_REFRESH_TOKEN_DAYS * 86_400,
    signingKeyRotationSeconds: raw.HKS_SIGNING_KEY_ROTATION_DAYS * 86_400,
    sessionIdleSeconds: raw.HKS_SESSION_IDLE_MINUTES * 60,
    sessionAbsoluteSeconds: raw.HKS_SESSION_ABSOLUTE_HOURS * 3_600,
    maxSessionsPerUser: raw.HKS_SESSION_MAX_PER_USER,
    fingerprint: raw.HKS_FINGERPRINT,
    rateLimitsPerMinute: {
      login: raw.HKS_RATE_LIMIT_LOGIN_PER_MINUTE,
      refresh: raw.HKS_RATE_LIMIT_REFRESH_PER_MINUTE,
      write: raw.HKS_RATE_LIMIT_WRITE_PER_MINUTE,
      read: raw.HKS_RATE_LIMIT_READ_PER_MINUTE,
      kube: raw.HKS_RATE_LIMIT_KUBE_PER_MINUTE,
    },
    auditRetentionDays: {
      security: raw.HKS_AUDIT_SECURITY_RETENTION_DAYS,
      default: raw.HKS_AUDIT_DEFAULT_RETENTION_DAYS,
    },
    providers: providersFrom(raw),
  };
}

function providersFrom(raw: RawConfig): ProviderSettings[] {
  const providers: ProviderSettings[] = [];
  if (raw.HKS_AUTH_GOOGLE_CLIENT_ID && raw.HKS_AUTH_GOOGLE_CLIENT_SECRET) {
    providers.push({
      kind: "oidc",
      id: "google",
      name: "Google",
      issuer: "https://accounts.google.com",
      clientId: raw.HKS_AUTH_GOOGLE_CLIENT_ID,
      clientSecret: raw.HKS_AUTH_GOOGLE_CLIENT_SECRET,
      scopes: ["openid", "email", "profile"],
    });
  }
  if (raw.HKS_AUTH_GITHUB_CLIENT_ID && raw.HKS_AUTH_GITHUB_CLIENT_SECRET) {
    providers.push({
      kind: "github",
      id: "github",
      name: "GitHub",
      clientId: raw.HKS_AUTH_GITHUB_CLIENT_ID,
      clientSecret: raw.HKS_AUTH_GITHUB_CLIENT_SECRET,
      webUrl: stripTrailingSlash(raw.HKS_AUTH_GITHUB_URL),
      apiUrl: stripTrailingSlash(raw.HKS_AUTH_GITHUB_API_URL),
    });
  }
  if (raw.HKS_AUTH_GITLAB_CLIENT_ID && raw.HKS_AUTH_GITLAB_CLIENT_SECRET) {
    // GitLab is a standards OIDC issuer (gitlab.com or a self-managed instance).
    providers.push({
      kind: "oidc",
      id: "gitlab",
      name: "GitLab",
      issuer: stripTrailingSlash(raw.HKS_AUTH_GITLAB_URL),
      clientId: raw.HKS_AUTH_GITLAB_CLIENT_ID,
      clientSecret: raw.HKS_AUTH_GITLAB_CLIENT_SECRET,
      scopes: ["openid", "email", "profile"],
    });
  }
  for (const provider of raw.HKS_AUTH_OIDC_PROVIDERS) {
    providers.push({ kind: "oidc", ...provider, clientSecret: provider.clientSecret, issuer: stripTrailingSlash(provider.issuer) });
  }
  return providers;
}

function stripTrailingSlash(url: string): string {
  return url.endsWith("/") ? url.slice(0, -1) : url;
}
