/**
 * Returns `candidate` only if it is a path on this origin, otherwise undefined.
 *
 * `?next=` comes from the URL, so anyone can craft it; accepting `//evil.example` or
 * `/\evil.example` (which browsers treat as protocol-relative) would make sign-in an open redirect.
 */
export function safeReturnPath(candidate: string | null | undefined): string | undefined {
  if (!candidate || candidate.length > 2048) return undefined;
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return undefined;
  // Control characters (tabs and newlines are stripped by URL parsers) could smuggle a second slash.
  if ([...candidate].some(isControlCharacter)) return undefined;
  const resolved = new URL(candidate, "http://web.invalid");
  if (resolved.origin !== "http://web.invalid") return undefined;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

function isControlCharacter(character: string): boolean {
  const code = character.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}
