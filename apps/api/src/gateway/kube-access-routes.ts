import { kubeconfigQuerySchema, kubeTokenRequestSchema, kubeTokenSchema } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/actor";
import { requestOriginOf } from "../auth/request-device";
import { accessOf } from "../authorization/authorization-hook";
import { requires } from "../http/route-access";
import { tenancyRouteErrors as errors, workspaceParams } from "../http/tenancy-route-schemas";
import type { KubeAccessService } from "./kube-access-service";

const base = "/api/v1/organizations/:orgId/workspaces/:wsId";

/** Credentials for kubectl: a workspace kube token, or a whole kubeconfig. Anyone who can read the workspace may ask. */
export function registerKubeAccessRoutes(app: FastifyInstance, kubeAccess: KubeAccessService): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();

  zod.post(
    `${base}/kube-token`,
    {
      config: { access: requires("workspace:read") },
      schema: {
        tags: ["kubernetes"],
        summary: "Mint a short-lived token for the workspace's Kubernetes gateway (what `hks kube credential` gives kubectl)",
        description:
          "The token is accepted only by this workspace's gateway, acts as you (with your groups), and stops working when it expires or your session ends. Never sent to the cluster itself.",
        params: workspaceParams,
        body: kubeTokenRequestSchema,
        response: { 200: kubeTokenSchema, ...errors },
      },
    },
    async (request, reply) => {
      const minted = await kubeAccess.mintToken(accessOf(request), actorOf(request), request.body.ttlSeconds, requestOriginOf(request));
      void reply.header("cache-control", "no-store");
      return {
        token: minted.token,
        tokenType: "Bearer" as const,
        expiresAt: minted.expiresAt.toISOString(),
        expiresInSeconds: Math.max(0, Math.floor((minted.expiresAt.getTime() - Date.now()) / 1000)),
        server: minted.server,
      };
    },
  );

  zod.get(
    `${base}/kubeconfig`,
    {
      config: { access: requires("workspace:read") },
      schema: {
        tags: ["kubernetes"],
        summary: "Download a kubeconfig for the workspace (YAML)",
        description:
          "Its cluster is the platform's Kubernetes gateway; one context per project namespace you can see, plus one for the workspace. `credential=exec` runs the hks CLI for tokens; `credential=token` embeds a short-lived token.",
        params: workspaceParams,
        querystring: kubeconfigQuerySchema,
        response: { 200: z.string().describe("kubeconfig (application/yaml)"), ...errors },
      },
    },
    async (request, reply) => {
      const { yaml, fileName } = await kubeAccess.kubeconfig(accessOf(request), actorOf(request), request.query, requestOriginOf(request));
      return reply
        .type("application/yaml; charset=utf-8")
        .header("content-disposition", `attachment; filename="${fileName}"`)
        .header("cache-control", "no-store")
        .send(yaml);
    },
  );
}
