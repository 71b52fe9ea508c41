import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * RS256 keys that sign platform tokens. The private key is stored encrypted with the master key;
 * the public JWK is published at /.well-known/jwks.json while the key is active or, after
 * rotation, until every token it signed has expired.
 */
export const signingKeys = pgTable("signing_keys", {
  kid: text("kid").primaryKey(),
  algorithm: text("algorithm").notNull(),
  publicJwk: jsonb("public_jwk").$type<Record<string, unknown>>().notNull(),
  privateKeyEncrypted: text("private_key_encrypted").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  /** Set when a newer key took over signing; the key still verifies until `expiresAt`. */
  retiredAt: timestamp("retired_at", { withTimezone: true, mode: "date" }),
  /** After this the key is dropped from the JWKS and refused for verification. */
  expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
});

export type SigningKeyRow = typeof signingKeys.$inferSelect;
