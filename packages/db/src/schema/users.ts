import { pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps, version } from "./columns";

/** A person who signs in. Identities (one per provider account) point here. */
export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** Lower-cased, always a verified address from some identity provider. */
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    avatarUrl: text("avatar_url"),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
    ...version,
  },
  (table) => [uniqueIndex("users_email_key").on(table.email)],
);

export type UserRow = typeof users.$inferSelect;
