import type { FastifyRequest } from "fastify";
import type { RequestOrigin } from "./request-origin";
import { COOKIE, DEVICE_HEADER } from "./http/auth-cookies";

const DEVICE_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** The device id a request presents: the browser's device cookie, or the CLI's header. */
export function deviceIdOf(request: FastifyRequest): string | undefined {
  const fromCookie = request.cookies[COOKIE.device];
  if (fromCookie && DEVICE_ID.test(fromCookie)) return fromCookie;
  const fromHeader = request.headers[DEVICE_HEADER];
  return typeof fromHeader === "string" && DEVICE_ID.test(fromHeader) ? fromHeader : undefined;
}

export function requestOriginOf(request: FastifyRequest): RequestOrigin {
  return {
    ipAddress: request.ip,
    userAgent: (request.headers["user-agent"] ?? "").slice(0, 512),
    requestId: request.id,
    deviceId: deviceIdOf(request),
  };
}
