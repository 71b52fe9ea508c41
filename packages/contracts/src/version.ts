import { z } from "zod";

/** The platform's version, reported by `/health`, `/api/v1/version` and `hks version`. */
export const PLATFORM_VERSION = "0.1.0";

export const versionInfoSchema = z
  .object({
    version: z.string(),
    apiVersion: z.literal("v1"),
  })
  .meta({ id: "VersionInfo" });

export type VersionInfo = z.infer<typeof versionInfoSchema>;
