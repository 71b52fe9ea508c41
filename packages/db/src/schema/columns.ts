import { integer, timestamp } from "drizzle-orm/pg-core";

/** Creation and update times every table carries, always with time zone. */
export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
};

/** Incremented on every update; the API exposes it as the ETag for optimistic concurrency. */
export const version = {
  version: integer("version").notNull().default(1),
};
