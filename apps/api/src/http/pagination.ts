import { AppError } from "@hks/contracts";
import { z } from "zod";

/**
 * Keyset (cursor) pagination. A cursor is opaque to clients: base64url JSON of the sort value and
 * id of the last row, so a page costs one index range scan however deep it is (no OFFSET).
 */
export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).describe("Page size, at most 100"),
  cursor: z.string().max(500).optional().describe("From the previous page's nextCursor"),
});

export interface Cursor {
  /** The sort key of the last row (string or number). */
  key: string | number;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString("base64url");
}

export function decodeCursor(value: string | undefined): Cursor | undefined {
  if (value === undefined) return undefined;
  try {
    const [key, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as [unknown, unknown];
    if ((typeof key === "string" || typeof key === "number") && typeof id === "string") return { key, id };
  } catch {
    // fall through
  }
  throw new AppError("VALIDATION_FAILED", "The cursor is not one this API issued", { details: [{ field: "query.cursor", message: "invalid cursor" }] });
}

/** Splits the `limit + 1` rows a query fetched into a page and the next cursor. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => Cursor): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null at the end") });
