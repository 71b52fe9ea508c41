import { z } from "zod";
import { apiUrlSchema } from "./api-url";

/**
 * Tokens for one platform, keyed in the file by the normalized API URL they were issued by.
 * Reserved for `hks login` (not implemented yet): declared now so the file format, and the 0600
 * mode it is written with, are settled before anything secret is stored in it.
 */
export const storedCredentialSchema = z.strictObject({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  /** ISO 8601 instant after which `accessToken` must be refreshed. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});

/**
 * The CLI config file (`config.json`). Strict: an unknown key is almost always a typo, and
 * silently ignoring it would hide why a setting has no effect.
 */
export const cliConfigSchema = z.strictObject({
  apiUrl: apiUrlSchema.optional(),
  credentials: z.record(z.string(), storedCredentialSchema).optional(),
});

export type CliConfig = z.output<typeof cliConfigSchema>;
export type StoredCredential = z.output<typeof storedCredentialSchema>;
