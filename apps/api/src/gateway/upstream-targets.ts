import { createHash } from "node:crypto";
import { Pool } from "undici";
import type { WorkspaceConnection } from "../clusters/workspace-connections";

/** How the gateway reaches one virtual cluster: its API server with the admin client certificate. */
export interface UpstreamTarget {
  workspaceId: string;
  /** scheme://host:port of the virtual cluster's API server. */
  origin: string;
  /** A path prefix of the server URL, usually empty. */
  basePath: string;
  tls: { ca: string; cert: string; key: string; servername: string | undefined };
  /** Keep-alive connections for ordinary requests (watches hold one each while they last). */
  pool: Pool;
}

interface Entry {
  target: UpstreamTarget;
  /** What the connection looked like when the pool was built: a change means a new pool. */
  identity: string;
  loadedAt: number;
  usedAt: number;
}

export interface UpstreamTargetOptions {
  load: (workspaceId: string) => Promise<WorkspaceConnection | undefined>;
  /** How long a loaded connection is trusted before it is read again (a restart may move it). */
  ttlMs?: number;
  /** Pools unused this long are closed. */
  idleMs?: number;
  now?: () => number;
}

const isIpLiteral = (host: string) => /^[0-9.]+$/.test(host) || host.includes(":");

/**
 * A short-lived cache of workspace connections and their TLS connection pools, so a request does
 * not unseal a kubeconfig and open a TLS connection every time. Entries are re-read after `ttlMs`
 * (the pool is kept when nothing changed), dropped at once when the cluster stops answering, and
 * closed when idle. The admin credentials live only inside the pools' TLS options.
 */
export function createUpstreamTargets(options: UpstreamTargetOptions) {
  const ttlMs = options.ttlMs ?? 30_000;
  const idleMs = options.idleMs ?? 300_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const loading = new Map<string, Promise<UpstreamTarget | undefined>>();

  const retire = (entry: Entry) => {
    // close() lets requests in flight (watches included) finish; nothing new is sent on it.
    void entry.target.pool.close().catch(() => {});
  };

  async function load(workspaceId: string): Promise<UpstreamTarget | undefined> {
    const connection = await options.load(workspaceId);
    const previous = entries.get(workspaceId);
    if (!connection) {
      if (previous) retire(previous);
      entries.delete(workspaceId);
      return undefined;
    }
    const identity = createHash("sha256").update(`${connection.server}\n${connection.caPem}\n${connection.clientCertPem}\n${connection.clientKeyPem}`).digest("hex");
    if (previous && previous.identity === identity) {
      previous.loadedAt = now();
      return previous.target;
    }
    if (previous) retire(previous);
    const url = new URL(connection.server);
    const hostname = url.hostname.replace(/^\[|\]$/g, "");
    const tls = { ca: connection.caPem, cert: connection.clientCertPem, key: connection.clientKeyPem, servername: isIpLiteral(hostname) ? undefined : hostname };
    const pool = new Pool(url.origin, {
      connect: { ...tls, ...(tls.servername ? { servername: tls.servername } : {}) },
      keepAliveTimeout: 30_000,
      // One request at a time per connection: API servers do not pipeline.
      pipelining: 1,
    });
    const target: UpstreamTarget = { workspaceId, origin: url.origin, basePath: url.pathname.replace(/\/+$/, ""), tls, pool };
    entries.set(workspaceId, { target, identity, loadedAt: now(), usedAt: now() });
    return target;
  }

  const sweep = setInterval(() => {
    for (const [workspaceId, entry] of entries) {
      if (now() - entry.usedAt > idleMs) {
        entries.delete(workspaceId);
        retire(entry);
      }
    }
  }, Math.min(idleMs, 60_000));
  sweep.unref();

  return {
    /** The target of a workspace, or undefined when it has no virtual cluster connection. */
    async get(workspaceId: string): Promise<UpstreamTarget | undefined> {
      const entry = entries.get(workspaceId);
      if (entry && now() - entry.loadedAt < ttlMs) {
        entry.usedAt = now();
        return entry.target;
      }
      let pending = loading.get(workspaceId);
      if (!pending) {
        pending = load(workspaceId).finally(() => loading.delete(workspaceId));
        loading.set(workspaceId, pending);
      }
      return pending;
    },

    /** Forgets a workspace whose cluster did not answer, so the next request reads it afresh. */
    forget(workspaceId: string): void {
      const entry = entries.get(workspaceId);
      if (!entry) return;
      entries.delete(workspaceId);
      retire(entry);
    },

    async close(): Promise<void> {
      clearInterval(sweep);
      const closing = [...entries.values()].map((entry) => entry.target.pool.destroy().catch(() => {}));
      entries.clear();
      await Promise.all(closing);
    },
  };
}

export type UpstreamTargets = ReturnType<typeof createUpstreamTargets>;
