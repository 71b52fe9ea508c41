interface StoredCookie {
  origin: string;
  path: string;
  name: string;
  value: string;
  expiresAt: number | undefined;
}

/**
 * Just enough of a browser's cookie store to carry oidc-provider's interaction and session
 * cookies across redirects: scoped by origin (stricter than a browser, which ignores the port) and
 * by path (oidc-provider scopes its interaction cookies to `/interaction/<uid>` and `/auth/<uid>`).
 */
export class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>();

  storeFrom(requestUrl: URL, response: Response): void {
    for (const header of response.headers.getSetCookie()) this.#store(requestUrl, header);
  }

  headerFor(url: URL): string | undefined {
    const now = Date.now();
    const matching = [...this.#cookies.values()].filter(
      (cookie) =>
        cookie.origin === url.origin &&
        pathMatches(url.pathname, cookie.path) &&
        (cookie.expiresAt === undefined || cookie.expiresAt > now),
    );
    if (matching.length === 0) return undefined;
    // RFC 6265 §5.4: longer paths first.
    matching.sort((a, b) => b.path.length - a.path.length);
    return matching.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
  }

  #store(requestUrl: URL, header: string): void {
    const [pair = "", ...attributes] = header.split(";");
    const separator = pair.indexOf("=");
    if (separator <= 0) return;
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    let path = defaultPath(requestUrl.pathname);
    let expiresAt: number | undefined;
    for (const attribute of attributes) {
      const [rawKey = "", ...rest] = attribute.split("=");
      const key = rawKey.trim().toLowerCase();
      const attributeValue = rest.join("=").trim();
      if (key === "path" && attributeValue.startsWith("/")) path = attributeValue;
      if (key === "expires") expiresAt ??= Date.parse(attributeValue);
      if (key === "max-age") expiresAt = Date.now() + Number(attributeValue) * 1000;
    }
    const key = `${requestUrl.origin} ${path} ${name}`;
    if (expiresAt !== undefined && expiresAt <= Date.now()) this.#cookies.delete(key);
    else this.#cookies.set(key, { origin: requestUrl.origin, path, name, value, expiresAt });
  }
}

function defaultPath(requestPath: string): string {
  const lastSlash = requestPath.lastIndexOf("/");
  return lastSlash <= 0 ? "/" : requestPath.slice(0, lastSlash);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/";
}
