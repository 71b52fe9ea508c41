import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The CLI's own `state` for one `hks login`: 32 random bytes, base64url. The platform echoes it on
 * the redirect to the loopback server; a request without it did not come from the sign-in this
 * process started (a web page or another local program poking the port) and is refused.
 */
export function createLoginState(): string {
  return randomBytes(32).toString("base64url");
}

/** Constant-time comparison, so the answer time does not reveal how much of a guess was right. */
export function isExpectedState(expected: string, received: string | null | undefined): boolean {
  if (typeof received !== "string" || received.length === 0) return false;
  // Hashing first gives equal-length inputs, which timingSafeEqual requires.
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(expected), digest(received));
}
