import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** GitHub's documented lifetime for both the sign-in page and the code it returns. */
export const authorizationLifetimeMs = 10 * 60 * 1000;

export interface PendingAuthorization {
  clientId: string;
  redirectUri: string;
  /** Whether the client sent redirect_uri; GitHub then requires the same one at the token endpoint. */
  redirectUriSent: boolean;
  state: string | undefined;
  scopes: string[];
  codeChallenge: string | undefined;
  expiresAt: number;
}

export interface IssuedCode extends PendingAuthorization {
  userId: number;
  used: boolean;
  /** Tokens minted from this code, revoked if the code is presented again (RFC 9700 §4.5). */
  accessTokens: string[];
}

export interface AccessTokenGrant {
  userId: number;
  clientId: string;
  scopes: string[];
}

/** In-memory OAuth state of the fake GitHub: pending sign-in pages, codes and tokens. */
export class GitHubOAuthStore {
  readonly #pending = new Map<string, PendingAuthorization>();
  readonly #codes = new Map<string, IssuedCode>();
  readonly #tokens = new Map<string, AccessTokenGrant>();

  savePending(request: Omit<PendingAuthorization, "expiresAt">): string {
    const id = randomBytes(16).toString("hex");
    this.#pending.set(id, { ...request, expiresAt: Date.now() + authorizationLifetimeMs });
    return id;
  }

  /** One sign-in page answers once. */
  takePending(id: string): PendingAuthorization | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    return pending && pending.expiresAt > Date.now() ? pending : undefined;
  }

  issueCode(pending: PendingAuthorization, userId: number): string {
    // GitHub's codes are 20 hex characters.
    const code = randomBytes(10).toString("hex");
    this.#codes.set(code, {
      ...pending,
      userId,
      used: false,
      accessTokens: [],
      expiresAt: Date.now() + authorizationLifetimeMs,
    });
    return code;
  }

  /**
   * Marks the code used on its first presentation, even if the exchange then fails, so a stolen
   * code cannot be tried against many verifiers; a second presentation revokes its tokens.
   */
  redeemCode(code: string): IssuedCode | undefined {
    const issued = this.#codes.get(code);
    if (!issued) return undefined;
    if (issued.used) {
      for (const token of issued.accessTokens) this.#tokens.delete(token);
      return undefined;
    }
    issued.used = true;
    return issued.expiresAt > Date.now() ? issued : undefined;
  }

  issueAccessToken(code: IssuedCode): string {
    // Shaped like GitHub's OAuth app user tokens.
    const token = `gho_${randomBytes(27).toString("base64url").replace(/[-_]/g, "0").slice(0, 36)}`;
    this.#tokens.set(token, { userId: code.userId, clientId: code.clientId, scopes: code.scopes });
    code.accessTokens.push(token);
    return token;
  }

  findAccessToken(token: string): AccessTokenGrant | undefined {
    return this.#tokens.get(token);
  }
}

export function constantTimeEquals(a: string, b: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** RFC 7636 S256: BASE64URL(SHA256(ASCII(code_verifier))). */
export function s256CodeChallenge(codeVerifier: string): string {
  return createHash("sha256").update(codeVerifier, "ascii").digest("base64url");
}
