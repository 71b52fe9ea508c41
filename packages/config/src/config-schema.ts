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
  DATABASE_URL: optionalUrl(["postgres:", "postgresql:"]),
  REDIS_URL: optionalUrl(["redis:", "rediss:"]),
  NATS_URL: optionalUrl(["nats:", "tls:"]),
});

export type RawConfig = z.output<typeof configSchema>;
