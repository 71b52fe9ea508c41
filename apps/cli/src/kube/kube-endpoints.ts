import { createApiClient } from "@hks/api-client";
import { AppError, errorEnvelopeSchema, kubeTokenLifetime, kubeTokenSchema, type KubeconfigCredentialKind, type KubeTokenResponse } from "@hks/contracts";

/** The platform calls behind `hks kube`; `fetch` authenticates (see createAuthenticatedFetch). */
interface Endpoint {
  apiUrl: string;
  fetch: typeof globalThis.fetch;
}

interface WorkspaceRef {
  organizationId: string;
  workspaceId: string;
}

const REQUEST_TIMEOUT_MS = 20_000;
const workspacePath = (ref: WorkspaceRef) => `/api/v1/organizations/${ref.organizationId}/workspaces/${ref.workspaceId}`;

/** `POST …/kube-token`: a short-lived token for the workspace's Kubernetes gateway. */
export async function mintKubeToken(endpoint: Endpoint, ref: WorkspaceRef, ttlSeconds: number = kubeTokenLifetime.defaultSeconds): Promise<KubeTokenResponse> {
  const client = createApiClient({ baseUrl: endpoint.apiUrl, fetch: endpoint.fetch });
  return client.request({ method: "POST", path: `${workspacePath(ref)}/kube-token`, body: { ttlSeconds }, response: kubeTokenSchema, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
}

/** `GET …/kubeconfig`: the YAML text as the platform renders it. */
export async function downloadKubeconfig(endpoint: Endpoint, ref: WorkspaceRef, options: { credential: KubeconfigCredentialKind; ttlSeconds?: number | undefined }): Promise<string> {
  const query = new URLSearchParams({ credential: options.credential, ...(options.ttlSeconds === undefined ? {} : { ttlSeconds: String(options.ttlSeconds) }) });
  const response = await endpoint.fetch(`${endpoint.apiUrl}${workspacePath(ref)}/kubeconfig?${query}`, {
    headers: { accept: "application/yaml" },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (response.ok) return response.text();
  const envelope = errorEnvelopeSchema.safeParse(await response.json().catch(() => undefined));
  if (envelope.success) throw AppError.fromEnvelope(envelope.data);
  throw new AppError(response.status >= 500 ? "SERVICE_UNAVAILABLE" : "BAD_REQUEST", `The platform answered HTTP ${response.status} without an error envelope`);
}
