import { createHash, randomBytes } from "node:crypto";

export interface PkcePair {
  /** Secret: sent only to the platform's token endpoint, over the back channel. */
  verifier: string;
  /** `BASE64URL(SHA256(verifier))`: travels through the browser in the sign-in URL. */
  challenge: string;
  method: "S256";
}

/**
 * A fresh PKCE pair (RFC 7636, S256 only). The verifier is 32 random bytes as base64url, i.e. 43
 * characters of the unreserved alphabet, the minimum length and maximum entropy §4.1 asks for.
 * Whoever intercepts the one-time code on the loopback redirect cannot redeem it without it.
 */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: pkceChallengeOf(verifier), method: "S256" };
}

export function pkceChallengeOf(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}
