import { AppError } from "@hks/contracts";
import type { FastifyRequest } from "fastify";

/** The authenticated caller of a request, established from a verified platform access token. */
export interface Actor {
  userId: string;
  email: string;
  provider: string;
  sessionId: string;
  organizationIds: string[];
  tokenId: string;
  tokenExpiresAt: Date;
  /** How the token arrived: cookie-authenticated writes additionally need a CSRF token. */
  via: "bearer" | "cookie";
}

declare module "fastify" {
  interface FastifyRequest {
    actor?: Actor;
  }
}

/** The actor of an authenticated route; its absence is a wiring bug, reported as 401 to be safe. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("UNAUTHENTICATED", "Sign in to use this endpoint");
  return request.actor;
}
