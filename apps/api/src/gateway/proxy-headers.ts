/**
 * Header rewriting at the gateway, both ways. Upstream, the caller's identity is set by the
 * gateway alone: the client's credentials and every identity-bearing header it sent are dropped
 * (so `Impersonate-User: kubernetes-admin` or `Impersonate-Group: system:masters` from a client go
 * nowhere), and the platform's own identity is added. Hop-by-hop headers (RFC 9110 §7.6.1) never
 * cross a proxy. Downstream, the cluster cannot set cookies on the platform's origin, and what it
 * serves (service and pod proxies serve tenant content) cannot run script there.
 */

export type HeaderMap = Record<string, string | string[]>;

export interface ImpersonatedIdentity {
  /** The platform user id. */
  user: string;
  /** Platform group ids: the user's groups and all their ancestors. */
  groups: readonly string[];
}

/** RFC 9110 §7.6.1, plus headers that only mean something to the hop they arrived on. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "http2-settings",
  "expect",
  "host",
]);

/** Credentials and identity claims a client might send; the gateway decides identity alone. */
const CLIENT_IDENTITY = new Set(["authorization", "cookie", "forwarded", "x-real-ip", "x-csrf-token"]);
/**
 * `impersonate-*`: Kubernetes impersonation (user, group, uid, extra). `x-remote-*`: the
 * front-proxy identity headers. `x-forwarded-*`: the gateway sets X-Forwarded-For itself.
 * `x-hks-*`: the platform's own (device id).
 */
const CLIENT_IDENTITY_PREFIXES = ["impersonate-", "x-remote-", "x-forwarded-", "x-hks-"];

/** What the gateway adds to everything it relays from a cluster. */
const DOWNSTREAM_SECURITY_HEADERS: HeaderMap = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'; sandbox",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
};

/** Header names listed in Connection are hop-by-hop for this message too. */
function connectionListed(values: readonly string[]): Set<string> {
  return new Set(values.flatMap((value) => value.split(",")).map((token) => token.trim().toLowerCase()).filter(Boolean));
}

/** Node's rawHeaders (name, value, name, value…) as lower-case names with every value kept. */
export function headerMapOf(rawHeaders: readonly string[]): HeaderMap {
  const map: HeaderMap = {};
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = (rawHeaders[index] ?? "").toLowerCase();
    const value = rawHeaders[index + 1] ?? "";
    const existing = map[name];
    map[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return map;
}

const valuesOf = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The headers of a request as the gateway sends it to the virtual cluster. */
export function upstreamRequestHeaders(incoming: HeaderMap, identity: ImpersonatedIdentity, client: { ip: string; upgrade?: string | undefined }): HeaderMap {
  const listed = connectionListed(valuesOf(incoming["connection"]));
  const headers: HeaderMap = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (HOP_BY_HOP.has(name) || listed.has(name) || CLIENT_IDENTITY.has(name)) continue;
    if (CLIENT_IDENTITY_PREFIXES.some((prefix) => name.startsWith(prefix))) continue;
    headers[name] = value;
  }
  headers["impersonate-user"] = identity.user;
  if (identity.groups.length > 0) headers["impersonate-group"] = [...identity.groups];
  headers["x-forwarded-for"] = client.ip;
  if (client.upgrade !== undefined) {
    headers["connection"] = "Upgrade";
    headers["upgrade"] = client.upgrade;
  }
  return headers;
}

/** The headers of a cluster's (non-101) response as the gateway relays it to the client. */
export function downstreamResponseHeaders(upstream: HeaderMap): HeaderMap {
  const listed = connectionListed(valuesOf(upstream["connection"]));
  const headers: HeaderMap = {};
  for (const [name, value] of Object.entries(upstream)) {
    if (HOP_BY_HOP.has(name) || listed.has(name) || name === "set-cookie" || name in DOWNSTREAM_SECURITY_HEADERS) continue;
    headers[name] = value;
  }
  return { ...headers, ...DOWNSTREAM_SECURITY_HEADERS };
}

/**
 * The head of a `101 Switching Protocols` answer relayed to the client: the protocol switch
 * (Upgrade, Connection, Sec-WebSocket-Accept and -Protocol, X-Stream-Protocol-Version) exactly as
 * the cluster sent it, less cookies.
 */
export function switchingProtocolsHead(rawHeaders: readonly string[], statusMessage = "Switching Protocols"): string {
  const lines = [`HTTP/1.1 101 ${statusMessage}`];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] ?? "";
    if (name.toLowerCase() === "set-cookie") continue;
    lines.push(`${name}: ${rawHeaders[index + 1] ?? ""}`);
  }
  return `${lines.join("\r\n")}\r\n\r\n`;
}
