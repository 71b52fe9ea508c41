import { AppError } from "@hks/contracts";
import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * Optimistic concurrency: a resource's ETag is its version; updates must send it back in If-Match,
 * and a stale one is refused with 412 instead of silently overwriting someone else's change.
 */
export function etagOf(version: number): string {
  return `"v${version}"`;
}

export function setEtag(reply: FastifyReply, version: number): void {
  reply.header("etag", etagOf(version));
}

/** The version the client last saw, from If-Match; required for updates. */
export function expectedVersion(request: FastifyRequest): number {
  const header = request.headers["if-match"];
  const match = typeof header === "string" ? /^"v(\d+)"$/.exec(header.trim()) : null;
  if (!match?.[1]) {
    throw new AppError("PRECONDITION_REQUIRED", "Send the resource's ETag in If-Match to update it", {
      details: [{ field: "headers.if-match", message: 'required, e.g. "v3"' }],
    });
  }
  return Number(match[1]);
}

export const staleVersion = () => new AppError("PRECONDITION_FAILED", "The resource changed since you read it; reload and try again");
