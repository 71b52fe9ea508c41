import { z } from "zod";

export const DEFAULT_API_URL = "http://127.0.0.1:8080";

export type ApiUrlParseResult = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Accepts an http(s) URL of the platform API and normalizes it (no trailing slash), so the client
 * can append `/api/v1/...`. A path prefix is kept for platforms served under a sub-path. Userinfo,
 * query and fragment are refused: fetch rejects credentials in URLs, and the others would be
 * silently dropped or mangled when paths are appended.
 */
export function parseApiUrl(input: string): ApiUrlParseResult {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `"${text}" is not a URL; expected e.g. ${DEFAULT_API_URL}` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, reason: `"${text}" must use http:// or https://` };
  }
  if (url.username || url.password) {
    return { ok: false, reason: `"${text}" must not contain a user name or password` };
  }
  if (url.search || url.hash) {
    return { ok: false, reason: `"${text}" must not contain a query string or fragment` };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, "")}` };
}

export const apiUrlSchema = z.string().transform((value, ctx) => {
  const parsed = parseApiUrl(value);
  if (parsed.ok) return parsed.url;
  ctx.addIssue({ code: "custom", message: parsed.reason });
  return z.NEVER;
});
