import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * The durable record of a sign-in session (device, address, lifetime, revocation). Redis holds
 * the hot part — whether the session is still alive within its idle timeout — so every request
 * can check it without touching PostgreSQL.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    /** "web" (cookies) or "cli" (Bearer tokens). */
    client: text("client").notNull(),
    deviceId: text("device_id").notNull(),
    ipAddress: text("ip_address").notNull(),
    userAgent: text("user_agent").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastSeenIp: text("last_seen_ip").notNull(),
    absoluteExpiresAt: timestamp("absolute_expires_at", { withTimezone: true, mode: "date" }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    revokedReason: text("revoked_reason"),
  },
  (table) => [index("sessions_user_id_idx").on(table.userId, table.createdAt)],
);

export type SessionRow = typeof sessions.$inferSelect;
