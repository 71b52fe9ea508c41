import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The transactional outbox: a message written in the same transaction as the state change it
 * announces, and published to the queue afterwards by the relay with its id as the message id —
 * so a crash between commit and publish delays the message but never loses it, and a publish
 * repeated after a crash is dropped as a duplicate.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    subject: text("subject").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [index("outbox_unpublished_idx").on(table.id).where(sql`published_at is null`)],
);
