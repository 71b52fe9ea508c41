import type { FastifyReply } from "fastify";
import type { TokenPair } from "../tokens/token-issuer";

/**
 * The browser's credentials (§4, RFC 9700 §4.?): tokens live only in httpOnly cookies that scripts
 * cannot read, never in localStorage. The refresh cookie is scoped to /auth and SameSite=Strict,
 * so it travels only to the refresh and logout endpoints and never on a cross-site request. The
 * CSRF cookie is the one scripts may read, to echo it in the X-CSRF-Token header.
 */
export const COOKIE = {
  accessToken: "hks_at",
  refreshToken: "hks_rt",
  csrf: "hks_csrf",
  device: "hks_device",
} as const;

export const CSRF_HEADER = "x-csrf-token";
export const DEVICE_HEADER = "x-hks-device-id";

const DEVICE_COOKIE_MAX_AGE_SECONDS = 400 * 86_400;

export function setSessionCookies(reply: FastifyReply, tokens: TokenPair, csrfToken: string): void {
  const accessMaxAge = Math.max(0, Math.floor((tokens.accessTokenExpiresAt.getTime() - Date.now()) / 1000));
  const refreshMaxAge = Math.max(0, Math.floor((tokens.refreshTokenExpiresAt.getTime() - Date.now()) / 1000));
  reply.setCookie(COOKIE.accessToken, tokens.accessToken, { path: "/", httpOnly: true, secure: true, sameSite: "lax", maxAge: accessMaxAge });
  reply.setCookie(COOKIE.refreshToken, tokens.refreshToken, { path: "/auth", httpOnly: true, secure: true, sameSite: "strict", maxAge: refreshMaxAge });
  reply.setCookie(COOKIE.csrf, csrfToken, { path: "/", httpOnly: false, secure: true, sameSite: "strict", maxAge: refreshMaxAge });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(COOKIE.accessToken, { path: "/", secure: true, httpOnly: true, sameSite: "lax" });
  reply.clearCookie(COOKIE.refreshToken, { path: "/auth", secure: true, httpOnly: true, sameSite: "strict" });
  reply.clearCookie(COOKIE.csrf, { path: "/", secure: true, sameSite: "strict" });
}

export function setDeviceCookie(reply: FastifyReply, deviceId: string): void {
  reply.setCookie(COOKIE.device, deviceId, { path: "/", httpOnly: true, secure: true, sameSite: "lax", maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS });
}
