import { z } from "zod";
import { DEVICE_ID_PATTERN } from "../auth/device-id";
import { apiUrlSchema } from "./api-url";

const instant = z.iso.datetime({ offset: true });

/**
 * The tokens `hks login` obtained from one platform, keyed in the file by the normalized API URL
 * that issued them. Expiry instants are on this machine's clock (see credentialFromTokenPair), so
 * a skewed clock does not make the CLI refresh too late.
 */
export const storedCredentialSchema = z.strictObject({
  accessToken: z.string().min(1),
  /** When `accessToken` stops working; the CLI refreshes it a minute before. */
  expiresAt: instant,
  /** Single use: every refresh returns a new one and kills this one. */
  refreshToken: z.string().min(1),
  /** When the refresh token expires at the latest (an idle or revoked session ends sooner). */
  refreshExpiresAt: instant,
});

/**
 * The CLI config file (`config.json`). Strict: an unknown key is almost always a typo, and
 * silently ignoring it would hide why a setting has no effect.
 */
export const cliConfigSchema = z.strictObject({
  apiUrl: apiUrlSchema.optional(),
  /**
   * Sent as `X-HKS-Device-Id` with every authenticated request; sessions are bound to it. Created
   * by the first `hks login` and kept for the life of the file: changing it orphans every stored
   * session (the platform treats the mismatch as a stolen token and revokes the session).
   */
  deviceId: z.string().regex(DEVICE_ID_PATTERN, "must be 16–64 characters of A–Z, a–z, 0–9, _ and -").optional(),
  credentials: z.record(z.string(), storedCredentialSchema).optional(),
});

export type CliConfig = z.output<typeof cliConfigSchema>;
export type StoredCredential = z.output<typeof storedCredentialSchema>;
