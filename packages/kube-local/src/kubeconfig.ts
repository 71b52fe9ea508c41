export interface KubeconfigInput {
  /** Name used for the cluster, user and context entries (vCluster uses one name for all three). */
  name: string;
  server: string;
  caPem: string;
  clientCertPem: string;
  clientKeyPem: string;
  namespace?: string;
}

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
// JSON strings are valid YAML double-quoted scalars, so names need no YAML escaping rules of their own.
const scalar = (text: string) => JSON.stringify(text);

/**
 * A self-contained kubeconfig with the CA and client certificate embedded, in the shape kubectl
 * and vCluster write (YAML, `*-data` fields base64-encoded).
 */
export function renderKubeconfig(input: KubeconfigInput): string {
  const name = scalar(input.name);
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "- cluster:",
    `    certificate-authority-data: ${base64(input.caPem)}`,
    `    server: ${scalar(input.server)}`,
    `  name: ${name}`,
    "contexts:",
    "- context:",
    `    cluster: ${name}`,
    ...(input.namespace ? [`    namespace: ${scalar(input.namespace)}`] : []),
    `    user: ${name}`,
    `  name: ${name}`,
    `current-context: ${name}`,
    "preferences: {}",
    "users:",
    `- name: ${name}`,
    "  user:",
    `    client-certificate-data: ${base64(input.clientCertPem)}`,
    `    client-key-data: ${base64(input.clientKeyPem)}`,
    "",
  ].join("\n");
}
