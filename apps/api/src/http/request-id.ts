import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";

const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Keeps a caller's `x-request-id` when it looks like an id (so a trace spans a proxy and the
 * platform), otherwise makes one. Anything else in the header is ignored: it ends up in logs and
 * error bodies, so it must not carry arbitrary text.
 */
export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers["x-request-id"];
  if (typeof incoming === "string" && ACCEPTABLE_REQUEST_ID.test(incoming)) return incoming;
  return `req_${randomUUID().replaceAll("-", "")}`;
}
