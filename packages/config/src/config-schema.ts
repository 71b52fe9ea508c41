import { z } from "zod";

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === "" ? undefined : value))
    .refine((value) => value === undefined || isUrlWithProtocol(value, protocols), {
      message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`,
    });

function isUrlWithProtocol(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const optionalSecret = z
  .string()
  .optional()
  .transform((value) => (value === "" ? undefined : value));

const base64Key = z
  .string()
  .optional()
  .transform((value) => (value ? Buffer.from(value, "base64") : undefined))
  .refine((key) => key === undefined || key.length === 32, { message: "must be 32 bytes encoded in base64" });

const commaList = z
  .string()
  .default("")
  .transform((value) => value.split(",").map((entry) => entry.trim()).filter(Boolean));

/** A generic OIDC issuer (Keycloak, Entra ID, Dex, Okta…), configured as JSON in HKS_AUTH_OIDC_PROVIDERS. */
export const oidcProviderConfigSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, "must be lower-case letters, digits and dashes"),
    name: z.string().min(1).max(60),
    issuer: z.url(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1).optional(),
    scopes: z.array(z.string()).default(["openid", "email", "profile"]),
  })
  .strict();

const oidcProviderList = z
  .string()
  .default("[]")
  .transform((value, context) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      context.addIssue({ code: "custom", message: "must be a JSON array of providers" });
      return z.NEVER;
    }
  })
  .pipe(z.array(oidcProviderConfigSchema));

/**
 * Every environment variable the platform reads, in one place. `loadConfig` validates the whole
 * environment at start-up and names each bad variable, so a typo fails fast instead of surfacing
 * as a strange runtime error an hour later.
 */
export const configSchema = z.object({
  HKS_ENV: z.enum(["development", "test", "production"]).default("development"),
  HKS_HOST: z.string().min(1).default("127.0.0.1"),
  HKS_PORT: port.default(8080),
  HKS_STATE_DIR: z.string().min(1).default(".state"),
  HKS_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  HKS_PUBLIC_URL: optionalUrl(["http:", "https:"]),
  HKS_TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((entry) => entry.trim()).filter(Boolean))
    .refine((entries) => entries.every((entry) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(entry)), {
      message: "must be a comma-separated list of IP addresses or CIDR ranges",
    }),
  HKS_BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024),
  HKS_REQUEST_TIMEOUT_MS: positiveInt.default(30_000),
  HKS_SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
  HKS_MASTER_KEY: base64Key,
  HKS_TOKEN_ISSUER: optionalUrl(["http:", "https:"]),
  HKS_CORS_ORIGINS: commaList,
  HKS_ACCESS_TOKEN_MINUTES: positiveInt.default(15),
  HKS_REFRESH_TOKEN_DAYS: positiveInt.default(7),
  HKS_SIGNING_KEY_ROTATION_DAYS: positiveInt.default(30),
  HKS_SESSION_IDLE_MINUTES: positiveInt.default(30),
  HKS_SESSION_ABSOLUTE_HOURS: positiveInt.default(24),
  HKS_SESSION_MAX_PER_USER: positiveInt.default(3),
  HKS_FINGERPRINT: z.enum(["device+ip", "device", "off"]).default("device+ip"),
  HKS_RATE_LIMIT_LOGIN_PER_MINUTE: positiveInt.default(10),
  HKS_RATE_LIMIT_REFRESH_PER_MINUTE: positiveInt.default(30),
  HKS_RATE_LIMIT_WRITE_PER_MINUTE: positiveInt.default(100),
  HKS_RATE_LIMIT_READ_PER_MINUTE: positiveInt.default(1000),
  HKS_AUDIT_SECURITY_RETENTION_DAYS: positiveInt.default(90),
  HKS_AUDIT_DEFAULT_RETENTION_DAYS: positiveInt.default(30),
  HKS_AUTH_GOOGLE_CLIENT_ID: optionalSecret,
  HKS_AUTH_GOOGLE_CLIENT_SECRET: optionalSecret,
  HKS_AUTH_GITHUB_CLIENT_ID: optionalSecret,
  HKS_AUTH_GITHUB_CLIENT_SECRET: optionalSecret,
  HKS_AUTH_GITHUB_URL: z.url().default("https://github.com"),
  HKS_AUTH_GITHUB_API_URL: z.url().default("https://api.github.com"),
  HKS_AUTH_GITLAB_CLIENT_ID: optionalSecret,
  HKS_AUTH_GITLAB_CLIENT_SECRET: optionalSecret,
  HKS_AUTH_GITLAB_URL: z.url().default("https://gitlab.com"),
  HKS_AUTH_OIDC_PROVIDERS: oidcProviderList,
  HKS_HOST_KUBECONFIG: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === "" ? undefined : value)),
  HKS_BACKUP_DIR: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === "" ? undefined : value)),
  HKS_RECONCILE_INTERVAL_SECONDS: positiveInt.default(60),
  HKS_VCLUSTER_READY_TIMEOUT_SECONDS: positiveInt.default(300),
  HKS_LIVE_HEARTBEAT_SECONDS: positiveInt.default(25),
  HKS_LIVE_RECHECK_SECONDS: positiveInt.default(20),
  HKS_LIVE_MAX_CONNECTIONS_PER_USER: positiveInt.default(20),
  DATABASE_URL: optionalUrl(["postgres:", "postgresql:"]),
  REDIS_URL: optionalUrl(["redis:", "rediss:"]),
  NATS_URL: optionalUrl(["nats:", "tls:"]),
  HKS_NATS_NAMESPACE: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, "letters, digits, _ and - (1–32)").default("hks"),
  HKS_TASK_ACK_WAIT_SECONDS: positiveInt.default(30),
});

export type RawConfig = z.output<typeof configSchema>;
