import { z } from "zod";

/**
 * kubectl access through the platform's Kubernetes gateway: workspace kube tokens and kubeconfig
 * downloads. Lifetimes are in seconds; a token never outlives the session that minted it.
 */
export const kubeTokenLifetime = {
  /** What the exec credential plugin asks for. */
  defaultSeconds: 600,
  /** What a kubeconfig with an embedded token gets unless it asks otherwise. */
  kubeconfigDefaultSeconds: 3600,
  minSeconds: 60,
  maxSeconds: 8 * 3600,
} as const;

const ttlSeconds = z.number().int().min(kubeTokenLifetime.minSeconds).max(kubeTokenLifetime.maxSeconds);

export const kubeTokenRequestSchema = z
  .object({
    ttlSeconds: ttlSeconds.default(kubeTokenLifetime.defaultSeconds).describe("Lifetime in seconds (60 to 28800); capped by the session's end"),
  })
  .strict()
  .prefault({})
  .meta({ id: "KubeTokenRequest" });

export const kubeTokenSchema = z
  .object({
    token: z.string().describe("Bearer token for the workspace's Kubernetes gateway only"),
    tokenType: z.literal("Bearer"),
    expiresAt: z.iso.datetime(),
    expiresInSeconds: z.number().int().describe("Counted from the response; use it rather than your clock to schedule renewal"),
    server: z.string().describe("The gateway URL of the workspace: a kubeconfig cluster's server"),
  })
  .meta({ id: "KubeToken" });

export type KubeTokenResponse = z.infer<typeof kubeTokenSchema>;

/** The exec credential plugin protocol the platform's kubeconfigs and `hks kube credential` speak. */
export const execCredentialApiVersion = "client.authentication.k8s.io/v1";

export const kubeconfigCredentials = ["exec", "token"] as const;
export type KubeconfigCredentialKind = (typeof kubeconfigCredentials)[number];

export const kubeconfigQuerySchema = z.object({
  credential: z
    .enum(kubeconfigCredentials)
    .default("exec")
    .describe("exec: kubectl runs `hks kube credential` for short-lived tokens; token: a token is embedded (for machines without hks)"),
  ttlSeconds: z.coerce
    .number()
    .int()
    .min(kubeTokenLifetime.minSeconds)
    .max(kubeTokenLifetime.maxSeconds)
    .optional()
    .describe("With credential=token: the embedded token's lifetime in seconds (default 3600)"),
});
