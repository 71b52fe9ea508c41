import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK } from "jose";

/**
 * A fresh RS256 key per start: nothing signed by a previous run should verify, which is what a
 * platform test of "unknown kid" or "key rotated" wants anyway.
 */
export async function generateRs256SigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: randomUUID(), alg: "RS256", use: "sig" };
}
