import { execCredentialApiVersion } from "@hks/contracts";

/** What kubectl reads from a credential plugin's stdout (client.authentication.k8s.io/v1 ExecCredential). */
export interface ExecCredential {
  apiVersion: typeof execCredentialApiVersion;
  kind: "ExecCredential";
  status: { token: string; expirationTimestamp: string };
}

/**
 * An ExecCredential for a bearer token. kubectl caches it in memory until `expirationTimestamp`
 * and runs the plugin again after that; RFC 3339 without fractions, as Kubernetes writes times.
 */
export function execCredentialFor(token: string, expiresAt: Date): ExecCredential {
  return {
    apiVersion: execCredentialApiVersion,
    kind: "ExecCredential",
    status: { token, expirationTimestamp: `${expiresAt.toISOString().slice(0, 19)}Z` },
  };
}
