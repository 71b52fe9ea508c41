import { AppError } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { eq } from "drizzle-orm";

export type UserRecord = typeof schema.users.$inferSelect;

export function createUserRepository(db: Database) {
  return {
    /** The user, or NOT_FOUND — callers pass ids from verified tokens, so absence means deletion. */
    async byId(userId: string): Promise<UserRecord> {
      const [user] = await db.select().from(schema.users).where(eq(schema.users.id, userId));
      if (!user) throw new AppError("UNAUTHENTICATED", "The account no longer exists");
      return user;
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
