import { execCredentialApiVersion } from "@hks/contracts";
import { Document } from "yaml";

/** How kubectl obtains its token: run the `hks` CLI as an exec credential plugin, or a fixed token. */
export type KubeconfigCredential =
  | { kind: "exec" }
  | { kind: "token"; token: string; expiresAt: Date };

export interface KubeconfigInput {
  /** The URL clients reach the API at (HKS_API_URL); the gateway lives under it. */
  apiUrl: string;
  /** PEM of a private CA that signed the API's certificate, when clients need to be told. */
  apiCaPem?: string | undefined;
  organization: { id: string; slug: string };
  workspace: { id: string; name: string };
  /** Namespaces of the projects the user can see, one context each. */
  namespaces: readonly string[];
  credential: KubeconfigCredential;
}

/** The gateway URL of a workspace: what kubectl uses as the cluster's server. */
export const gatewayUrlOf = (apiUrl: string, workspaceId: string): string => `${apiUrl.replace(/\/+$/, "")}/k8s/workspaces/${workspaceId}`;

/** The args `hks` is run with as kubectl's credential plugin. */
export const execCredentialArgs = (input: Pick<KubeconfigInput, "apiUrl" | "organization" | "workspace">): string[] => [
  "--api-url",
  input.apiUrl,
  "kube",
  "credential",
  "--organization",
  input.organization.id,
  "--workspace",
  input.workspace.id,
];

/**
 * A kubeconfig for one workspace: its cluster is the platform's gateway (never the virtual
 * cluster itself, whose admin credentials stay on the platform), one context for the workspace and
 * one per project namespace, and a user that either runs `hks` for a short-lived token or carries
 * one. Pure, so its shape is tested as data.
 */
export function renderKubeconfig(input: KubeconfigInput): string {
  const base = `${input.organization.slug}/${input.workspace.name}`;
  const cluster = {
    server: gatewayUrlOf(input.apiUrl, input.workspace.id),
    ...(input.apiCaPem ? { "certificate-authority-data": Buffer.from(input.apiCaPem, "utf8").toString("base64") } : {}),
  };
  const user =
    input.credential.kind === "token"
      ? { token: input.credential.token }
      : {
          exec: {
            apiVersion: execCredentialApiVersion,
            command: "hks",
            args: execCredentialArgs(input),
            // The plugin never prompts: without a usable sign-in it says to run `hks login`.
            interactiveMode: "Never",
            provideClusterInfo: false,
            installHint: "This kubeconfig gets its tokens from the Hexabase KaaS CLI: install `hks`, put it on PATH and run `hks login`.",
          },
        };
  const contexts = [
    { name: base, context: { cluster: base, user: base } },
    ...[...input.namespaces].sort().map((namespace) => ({ name: `${base}/${namespace}`, context: { cluster: base, user: base, namespace } })),
  ];
  const document = new Document({
    apiVersion: "v1",
    kind: "Config",
    preferences: {},
    clusters: [{ name: base, cluster }],
    users: [{ name: base, user }],
    contexts,
    "current-context": base,
  });
  document.commentBefore =
    ` Hexabase KaaS: workspace ${input.workspace.name} (${input.workspace.id}) of ${input.organization.slug}, through the platform's Kubernetes gateway.\n` +
    (input.credential.kind === "token"
      ? ` The token below expires at ${input.credential.expiresAt.toISOString()} (or when its session ends); download a new kubeconfig then.`
      : " kubectl runs `hks kube credential` for a short-lived token; `hks login` first.");
  return document.toString({ lineWidth: 0 });
}
