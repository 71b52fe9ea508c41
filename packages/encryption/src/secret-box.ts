import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Encryption at rest for secrets the platform must store (token signing keys, workspace
 * kubeconfigs): AES-256-GCM from Node's crypto with a fresh 96-bit IV per message.
 *
 * Each sealed value is bound to a `context` (e.g. `signing-key:<kid>`) as additional authenticated
 * data, so a ciphertext copied into another row or column fails to open instead of decrypting as
 * the wrong secret. The format carries a version and the master key's id, which is what a master
 * key rotation needs to tell old ciphertexts from new ones.
 *
 *   v1.<key id>.<iv>.<auth tag>.<ciphertext>     (base64url parts)
 */
export interface SecretBox {
  readonly keyId: string;
  seal(plaintext: string | Buffer, context: string): string;
  open(sealed: string, context: string): Buffer;
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

export function masterKeyId(masterKey: Buffer): string {
  return createHash("sha256").update(masterKey).digest("hex").slice(0, 8);
}

export function createSecretBox(masterKey: Buffer): SecretBox {
  if (masterKey.length !== 32) throw new SecretBoxError("the master key must be exactly 32 bytes");
  const keyId = masterKeyId(masterKey);
  return {
    keyId,
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", masterKey, iv);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"));
      return ["v1", keyId, ...parts].join(".");
    },
    open(sealed, context) {
      const [version, sealedKeyId, iv, tag, ciphertext] = sealed.split(".");
      if (version !== "v1" || !iv || !tag || ciphertext === undefined) {
        throw new SecretBoxError("not a sealed secret in a known format");
      }
      if (sealedKeyId !== keyId) {
        throw new SecretBoxError(`sealed with master key ${sealedKeyId}, but the configured key is ${keyId}`);
      }
      try {
        const decipher = createDecipheriv("aes-256-gcm", masterKey, Buffer.from(iv, "base64url"));
        decipher.setAAD(Buffer.from(context, "utf8"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]);
      } catch {
        throw new SecretBoxError("the sealed secret failed authentication (wrong key, context or tampered data)");
      }
    },
  };
}
