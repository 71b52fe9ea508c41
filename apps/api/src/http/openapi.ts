import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { PLATFORM_VERSION } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import { createJsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

/**
 * The OpenAPI 3.1 document is generated from the same Zod schemas that validate requests and
 * shape responses, so it cannot drift from the code. Served at /openapi.json, browsable at /docs.
 */
export async function installOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Hexabase KaaS API",
        version: PLATFORM_VERSION,
        description:
          "Multi-tenant Kubernetes-as-a-Service control plane. Errors use one envelope " +
          "`{ error: { code, message, requestId, details } }` with stable codes.",
        license: { name: "Apache-2.0", identifier: "Apache-2.0" },
      },
      tags: [
        { name: "system", description: "Health, readiness, version and metrics" },
      ],
    },
    transform: createJsonSchemaTransform({ skipList: ["/docs", "/docs/*", "/openapi.json"] }),
    transformObject: jsonSchemaTransformObject,
  });

  await app.register(swaggerUi, {
    routePrefix: "/docs",
    uiConfig: { docExpansion: "list", deepLinking: true },
    staticCSP: true,
  });
}
