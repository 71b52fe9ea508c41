import { newId, schema, type Database } from "@hks/db";
import { and, eq } from "drizzle-orm";
import type { ExternalIdentity } from "../providers/identity-provider";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type UserRecord = typeof schema.users.$inferSelect;

/**
 * Finds or creates the user behind a provider identity. Identities are matched by provider and
 * subject; a first sign-in with a new provider joins the existing user with the same *verified*
 * e-mail (providers only hand over verified addresses here), so Alice signing in with Google and
 * later GitHub is one person. Races between two first sign-ins are settled by the unique indexes.
 */
export async function linkIdentity(tx: Tx, identity: ExternalIdentity, at: Date): Promise<{ user: UserRecord; created: boolean }> {
  const [known] = await tx
    .select({ user: schema.users, identityId: schema.userIdentities.id })
    .from(schema.userIdentities)
    .innerJoin(schema.users, eq(schema.users.id, schema.userIdentities.userId))
    .where(and(eq(schema.userIdentities.provider, identity.provider), eq(schema.userIdentities.subject, identity.subject)));
  if (known) {
    await tx
      .update(schema.userIdentities)
      .set({ email: identity.email, emailVerified: identity.emailVerified, lastLoginAt: at, updatedAt: at })
      .where(eq(schema.userIdentities.id, known.identityId));
    const [user] = await tx
      .update(schema.users)
      .set({ lastLoginAt: at, avatarUrl: known.user.avatarUrl ?? identity.avatarUrl })
      .where(eq(schema.users.id, known.user.id))
      .returning();
    return { user: user ?? known.user, created: false };
  }

  const inserted = await tx
    .insert(schema.users)
    .values({ id: newId("user"), email: identity.email, displayName: identity.name, avatarUrl: identity.avatarUrl, lastLoginAt: at })
    .onConflictDoNothing({ target: schema.users.email })
    .returning();
  const created = inserted.length > 0;
  const [user] = created ? inserted : await tx.update(schema.users).set({ lastLoginAt: at }).where(eq(schema.users.email, identity.email)).returning();
  if (!user) throw new Error("user vanished while linking an identity");
  await tx
    .insert(schema.userIdentities)
    .values({
      id: newId("identity"),
      userId: user.id,
      provider: identity.provider,
      subject: identity.subject,
      email: identity.email,
      emailVerified: identity.emailVerified,
      lastLoginAt: at,
    })
    .onConflictDoNothing();
  return { user, created };
}
