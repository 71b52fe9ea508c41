import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import type { AuditWriter } from "@hks/audit";
import { schema, type Database } from "@hks/db";
import type { SecretBox } from "@hks/encryption";
import { and, desc, isNull, lt, or, gt, sql } from "drizzle-orm";
import { generateSigningKey, SIGNING_ALGORITHM } from "./generate-signing-key";

export interface ActiveSigningKey {
  kid: string;
  privateKey: KeyObject;
}

interface LoadedKeys {
  active: ActiveSigningKey;
  /** Every key that may verify: the active one and the previous one until it expires. */
  verification: Map<string, { publicKey: KeyObject; jwk: Record<string, unknown> }>;
  loadedAt: number;
}

/** Arbitrary constant: serializes rotation across API replicas. */
const ROTATION_LOCK_KEY = 724_318_003;
/** How often a replica re-reads keys, so a rotation on one replica reaches the others. */
const RELOAD_INTERVAL_MS = 60_000;
/** An unknown kid triggers an early reload, but at most this often (unknown kids are also attacks). */
const UNKNOWN_KID_RELOAD_MS = 5_000;

/**
 * The platform's token signing keys. Keys live in PostgreSQL with the private half sealed by the
 * master key; each replica caches them and reloads every minute. Rotation (on a schedule, in one
 * transaction under an advisory lock so replicas never race) makes a new key active and keeps the
 * previous one published and verifying for one more rotation period, so tokens signed just before
 * a rotation stay valid until they expire.
 */
export function createSigningKeyStore(deps: {
  db: Database;
  secretBox: SecretBox;
  audit: AuditWriter;
  rotationSeconds: number;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  let loaded: LoadedKeys | undefined;
  let loading: Promise<LoadedKeys> | undefined;

  async function rotateIfDue(): Promise<boolean> {
    return deps.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${ROTATION_LOCK_KEY})`);
      const [active] = await tx
        .select()
        .from(schema.signingKeys)
        .where(isNull(schema.signingKeys.retiredAt))
        .orderBy(desc(schema.signingKeys.createdAt))
        .limit(1);
      const at = now();
      if (active && active.createdAt.getTime() + deps.rotationSeconds * 1000 > at.getTime()) return false;

      const key = await generateSigningKey(at);
      const previousExpiresAt = new Date(at.getTime() + deps.rotationSeconds * 1000);
      // Older retired keys leave the JWKS now; the one being retired stays one more period.
      await tx
        .update(schema.signingKeys)
        .set({ expiresAt: at })
        .where(and(sql`${schema.signingKeys.retiredAt} is not null`, or(isNull(schema.signingKeys.expiresAt), gt(schema.signingKeys.expiresAt, at))));
      if (active) {
        await tx
          .update(schema.signingKeys)
          .set({ retiredAt: at, expiresAt: previousExpiresAt })
          .where(sql`${schema.signingKeys.kid} = ${active.kid}`);
      }
      await tx.insert(schema.signingKeys).values({
        kid: key.kid,
        algorithm: SIGNING_ALGORITHM,
        publicJwk: key.publicJwk,
        privateKeyEncrypted: deps.secretBox.seal(key.privateKeyPem, `signing-key:${key.kid}`),
        createdAt: at,
      });
      await deps.audit.record(tx, { ipAddress: null, userAgent: null, requestId: null }, {
        type: "auth.signing_key.rotated",
        success: true,
        targetType: "signing_key",
        targetId: key.kid,
        metadata: { previousKid: active?.kid ?? null },
      });
      return true;
    });
  }

  async function load(): Promise<LoadedKeys> {
    const at = now();
    const rows = await deps.db
      .select()
      .from(schema.signingKeys)
      .where(or(isNull(schema.signingKeys.expiresAt), gt(schema.signingKeys.expiresAt, at)))
      .orderBy(desc(schema.signingKeys.createdAt));
    const activeRow = rows.find((row) => row.retiredAt === null);
    if (!activeRow) throw new Error("no active signing key; call ensureCurrent() first");
    const verification = new Map<string, { publicKey: KeyObject; jwk: Record<string, unknown> }>();
    for (const row of rows) {
      verification.set(row.kid, { publicKey: createPublicKey({ key: row.publicJwk, format: "jwk" }), jwk: row.publicJwk });
    }
    const privatePem = deps.secretBox.open(activeRow.privateKeyEncrypted, `signing-key:${activeRow.kid}`);
    return {
      active: { kid: activeRow.kid, privateKey: createPrivateKey(privatePem) },
      verification,
      loadedAt: Date.now(),
    };
  }

  async function current(): Promise<LoadedKeys> {
    if (loaded && Date.now() - loaded.loadedAt < RELOAD_INTERVAL_MS) return loaded;
    loading ??= load().finally(() => (loading = undefined));
    loaded = await loading;
    return loaded;
  }

  return {
    /** Rotates when the active key is older than the rotation period (or none exists), then reloads. */
    async ensureCurrent(): Promise<{ rotated: boolean }> {
      const rotated = await rotateIfDue();
      if (rotated || !loaded) loaded = await load();
      return { rotated };
    },
    async signingKey(): Promise<ActiveSigningKey> {
      return (await current()).active;
    },
    /** The public key for a kid, or undefined for an unknown or expired kid. */
    async verificationKey(kid: string): Promise<KeyObject | undefined> {
      const keys = await current();
      const known = keys.verification.get(kid);
      if (known || Date.now() - keys.loadedAt < UNKNOWN_KID_RELOAD_MS) return known?.publicKey;
      // Perhaps another replica rotated since our last load.
      loaded = undefined;
      return (await current()).verification.get(kid)?.publicKey;
    },
    async jwks(): Promise<{ keys: Record<string, unknown>[] }> {
      return { keys: [...(await current()).verification.values()].map((entry) => entry.jwk) };
    },
    /** Drops keys whose expiry passed long ago; they can verify nothing. */
    async purgeExpired(olderThan: Date): Promise<void> {
      await deps.db.delete(schema.signingKeys).where(lt(schema.signingKeys.expiresAt, olderThan));
    },
  };
}

export type SigningKeyStore = ReturnType<typeof createSigningKeyStore>;
