import { pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps, version } from "./columns";

export const organizations = pgTable(
  "organizations",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    description: text("description").notNull().default(""),
    ...timestamps,
    ...version,
  },
  (table) => [uniqueIndex("organizations_slug_key").on(table.slug)],
);

export type OrganizationRow = typeof organizations.$inferSelect;
export type NewOrganizationRow = typeof organizations.$inferInsert;
