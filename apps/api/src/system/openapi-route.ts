import type { FastifyInstance } from "fastify";
import { publicAccess } from "../http/route-access";

export function registerOpenApiRoute(app: FastifyInstance): void {
  app.get(
    "/openapi.json",
    { config: { access: publicAccess("the API description is public") }, schema: { hide: true } },
    async () => app.swagger(),
  );
}
