import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Signed double-submit CSRF tokens (OWASP): `<random>.<HMAC(session id, random)>`. The cookie and
 * the header must carry the same value, and the value must be signed for the session that makes
 * the request — so a token planted by a sibling subdomain or left over from another session fails.
 */
export function createCsrfTokens(key: Buffer) {
  const sign = (sessionId: string, nonce: string) => createHmac("sha256", key).update(`${sessionId}.${nonce}`).digest("base64url");
  return {
    issue(sessionId: string): string {
      const nonce = randomBytes(16).toString("base64url");
      return `${nonce}.${sign(sessionId, nonce)}`;
    },
    verify(cookieValue: string | undefined, headerValue: string | undefined, sessionId: string): boolean {
      if (!cookieValue || !headerValue || cookieValue.length > 200) return false;
      const a = Buffer.from(cookieValue);
      const b = Buffer.from(headerValue);
      if (a.length !== b.length || !timingSafeEqual(a, b)) return false;
      const [nonce, signature] = cookieValue.split(".");
      if (!nonce || !signature) return false;
      const expected = Buffer.from(sign(sessionId, nonce));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

export type CsrfTokens = ReturnType<typeof createCsrfTokens>;
