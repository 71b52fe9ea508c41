import { randomBytes } from "node:crypto";
import { exportJWK, exportPKCS8, generateKeyPair } from "jose";

export const SIGNING_ALGORITHM = "RS256";

export interface GeneratedSigningKey {
  kid: string;
  publicJwk: Record<string, unknown>;
  privateKeyPem: string;
}

/** A fresh 2048-bit RSA key pair; the kid starts with the date, like the specification's examples. */
export async function generateSigningKey(now: Date): Promise<GeneratedSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { modulusLength: 2048, extractable: true });
  const kid = `${now.toISOString().slice(0, 10)}-${randomBytes(4).toString("hex")}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALGORITHM, use: "sig" };
  return { kid, publicJwk, privateKeyPem: await exportPKCS8(privateKey) };
}
