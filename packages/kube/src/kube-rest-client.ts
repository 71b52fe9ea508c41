import { request, type RequestOptions } from "node:https";
import { KubeConfig } from "@kubernetes/client-node";

/** An object as the API server sends it: plain JSON, nothing dropped by typed models. */
export interface RawObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean }[];
    deletionTimestamp?: string;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** The API server answered with an error status (its `Status` message and reason kept). */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "KubeApiError";
  }
}

/**
 * The API server could not be reached or did not answer. The message never names the server's
 * address: it ends up in task reasons tenants read.
 */
export class KubeUnreachableError extends Error {
  constructor(cause: string) {
    super(`The cluster's API server did not answer (${cause})`);
    this.name = "KubeUnreachableError";
  }
}

export interface KubeRestClient {
  /** GET a path; undefined on 404. */
  get<T = unknown>(path: string, query?: Record<string, string | undefined>): Promise<T | undefined>;
  /** Every item of a list path, following `continue` tokens. Items get `apiVersion`/`kind` back. */
  listAll(path: string, item: { apiVersion: string; kind: string }): Promise<RawObject[]>;
  /** Server-side apply of one object at its path (`…/<resource>/<name>`); returns what the server stored. */
  apply(path: string, object: RawObject, options: { fieldManager: string; force: boolean }): Promise<RawObject>;
}

const TIMEOUT_MS = 30_000;

/**
 * A small JSON client over HTTPS for what typed clients do badly: API discovery, listing any
 * resource type, and applying objects exactly as given. `@kubernetes/client-node`'s object API
 * runs known kinds through generated models, which drop fields they do not know and turn
 * timestamps into Dates — fine for the platform's own objects, wrong for copying a tenant's.
 * Credentials and TLS come from the kubeconfig's current context.
 */
export function createKubeRestClient(kubeconfig: string): KubeRestClient {
  const config = new KubeConfig();
  config.loadFromString(kubeconfig);
  const cluster = config.getCurrentCluster();
  if (!cluster?.server) throw new Error("the kubeconfig names no server");
  const server = new URL(cluster.server);

  async function send(method: "GET" | "PATCH", path: string, query: Record<string, string | undefined>, body?: { contentType: string; data: string }): Promise<{ status: number; json: unknown }> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, value);
    const options: RequestOptions = {
      protocol: server.protocol,
      hostname: server.hostname,
      port: server.port || 443,
      path: `${server.pathname.replace(/\/$/, "")}${path}${search.size > 0 ? `?${search.toString()}` : ""}`,
      method,
      headers: { accept: "application/json", ...(body ? { "content-type": body.contentType, "content-length": Buffer.byteLength(body.data) } : {}) },
      timeout: TIMEOUT_MS,
    };
    await config.applyToHTTPSOptions(options);
    return new Promise((resolve, reject) => {
      const req = request(options, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", (error) => reject(new KubeUnreachableError((error as NodeJS.ErrnoException).code ?? "connection reset")));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = text.length > 0 ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      });
      req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })));
      req.on("error", (error) => reject(new KubeUnreachableError((error as NodeJS.ErrnoException).code ?? "connection failed")));
      if (body) req.write(body.data);
      req.end();
    });
  }

  const failure = (status: number, json: unknown): KubeApiError => {
    const details = (json ?? {}) as { message?: string; reason?: string };
    return new KubeApiError(status, details.reason ?? "Unknown", details.message ?? `the API server answered ${status}`);
  };

  const client: KubeRestClient = {
    async get<T>(path: string, query: Record<string, string | undefined> = {}) {
      const { status, json } = await send("GET", path, query);
      if (status === 404) return undefined;
      if (status >= 300) throw failure(status, json);
      return json as T;
    },
    async listAll(path, item) {
      const items: RawObject[] = [];
      let continueToken: string | undefined;
      do {
        const page = await client.get<{ items?: RawObject[]; metadata?: { continue?: string } }>(path, { limit: "500", continue: continueToken });
        if (!page) return items;
        for (const object of page.items ?? []) items.push({ apiVersion: item.apiVersion, kind: item.kind, ...object });
        continueToken = page.metadata?.continue || undefined;
      } while (continueToken);
      return items;
    },
    async apply(path, object, options) {
      const { status, json } = await send("PATCH", path, { fieldManager: options.fieldManager, force: String(options.force) }, { contentType: "application/apply-patch+yaml", data: JSON.stringify(object) });
      if (status >= 300) throw failure(status, json);
      return json as RawObject;
    },
  };
  return client;
}
