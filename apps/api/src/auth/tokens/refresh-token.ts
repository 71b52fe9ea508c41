import { createHash, randomBytes } from "node:crypto";

/**
 * Refresh tokens are opaque: 256 random bits, with a recognisable prefix so secret scanners can
 * find leaked ones. Only the SHA-256 hash is stored, so a database leak yields no usable token.
 */
const PREFIX = "hksr_";

export function newRefreshToken(): { token: string; hash: string } {
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeRefreshToken(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(PREFIX) && value.length === PREFIX.length + 43;
}
