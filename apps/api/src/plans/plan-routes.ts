import { planListSchema, plans } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { publicAccess } from "../http/route-access";

export function registerPlanRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/plans",
    {
      config: { access: publicAccess("the plan catalogue is public: people compare plans before signing up") },
      schema: { tags: ["plans"], summary: "The plan catalogue with each plan's limits", response: { 200: planListSchema } },
    },
    async (_request, reply) => {
      reply.header("cache-control", "public, max-age=300");
      return { plans };
    },
  );
}
