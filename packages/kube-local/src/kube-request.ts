import { request } from "node:https";

/** How to reach and authenticate to one API server with a client certificate. */
export interface KubeEndpoint {
  server: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

export interface KubeResponse {
  status: number;
  body: string;
}

/**
 * One HTTPS request to an API server. Used for readiness probes and other calls that must work
 * before (or without) a client library, and where the exact HTTP status matters.
 */
export function kubeRequest(
  endpoint: KubeEndpoint,
  init: { method?: string; path: string; body?: string; contentType?: string; timeoutMs?: number },
): Promise<KubeResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(init.path, endpoint.server);
    const req = request(
      url,
      {
        method: init.method ?? "GET",
        ca: endpoint.caPem,
        cert: endpoint.certPem,
        key: endpoint.keyPem,
        headers: {
          accept: "application/json",
          ...(init.body !== undefined ? { "content-type": init.contentType ?? "application/json" } : {}),
        },
        timeout: init.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${init.method ?? "GET"} ${url} timed out`)));
    req.on("error", reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}
