import { randomBytes } from "node:crypto";

/** A DNS-label-like slug from a display name, with a short random suffix so names may repeat. */
export function slugFrom(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/, "");
  return `${base || "org"}-${randomBytes(3).toString("hex")}`;
}
