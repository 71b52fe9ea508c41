import type { SessionUser } from "@hks/contracts";

/** Up to two letters for the avatar, from the name, else the email; "?" when there is neither. */
export function userInitials(user: Pick<SessionUser, "name" | "email">): string {
  const source = user.name.trim() || user.email.split("@")[0]?.trim();
  if (!source) return "?";
  const words = source.split(/[\s._-]+/).filter(Boolean);
  const letters = words.length > 1 ? `${words[0]?.[0] ?? ""}${words.at(-1)?.[0] ?? ""}` : source.slice(0, 2);
  return letters.toUpperCase();
}
