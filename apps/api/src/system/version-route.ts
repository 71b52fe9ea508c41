import { PLATFORM_VERSION, errorEnvelopeSchema, versionInfoSchema } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { publicAccess } from "../http/route-access";

export function registerVersionRoute(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/version",
    {
      config: { access: publicAccess("clients check compatibility before signing in") },
      schema: {
        tags: ["system"],
        summary: "Platform version",
        response: { 200: versionInfoSchema, 500: errorEnvelopeSchema },
      },
    },
    async () => ({ version: PLATFORM_VERSION, apiVersion: "v1" as const }),
  );
}
