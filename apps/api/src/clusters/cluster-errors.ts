import type { ClusterClient } from "@hks/kube";

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_SOCKET", "EPIPE"]);

function codeOf(error: unknown): unknown {
  for (let current: unknown = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (code !== undefined) return code;
  }
  return undefined;
}

/**
 * Task reasons are read by tenants: an error from talking to a cluster becomes a sentence that
 * says what happened without host addresses, ports or response dumps (the original goes to the
 * log as the cause).
 */
export function describeClusterError(error: unknown, cluster: "host" | "virtual"): Error {
  const what = cluster === "host" ? "The host cluster's API server" : "The workspace's virtual cluster";
  const code = codeOf(error);
  if (typeof code === "string" && NETWORK_CODES.has(code)) return new Error(`${what} could not be reached (${code})`, { cause: error });
  if (typeof code === "number" && code >= 400) {
    const body = (error as { body?: unknown }).body;
    const parsed = typeof body === "string" ? (safeJson(body) as { message?: unknown } | undefined) : (body as { message?: unknown } | undefined);
    const message = typeof parsed?.message === "string" ? `: ${parsed.message}` : "";
    return new Error(`${what} refused the request (HTTP ${code})${message}`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The same client, with every failure described for people (see describeClusterError). */
export function explainingErrors(client: ClusterClient, cluster: "host" | "virtual"): ClusterClient {
  const explained =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        throw describeClusterError(error, cluster);
      }
    };
  return {
    apply: explained(client.apply),
    read: explained(client.read) as ClusterClient["read"],
    list: explained(client.list) as ClusterClient["list"],
    delete: explained(client.delete),
  };
}
