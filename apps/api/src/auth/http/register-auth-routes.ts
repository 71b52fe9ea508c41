import type { Database } from "@hks/db";
import type { FastifyInstance } from "fastify";
import type { Identity } from "../identity";
import { registerLoginRoutes } from "./login-routes";
import { registerSecurityLogRoutes } from "./security-log-routes";
import { registerSessionRoutes } from "./session-routes";
import { registerTokenRoutes } from "./token-routes";
import { registerWellKnownRoutes } from "./well-known-routes";

export function registerAuthRoutes(app: FastifyInstance, identity: Identity, db: Database): void {
  registerLoginRoutes(app, identity);
  registerTokenRoutes(app, identity);
  registerSessionRoutes(app, identity);
  registerSecurityLogRoutes(app, db);
  registerWellKnownRoutes(app, identity);
}
