import { prefixRangeEnd } from "./etcd-key-range";

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/**
 * The few key-value calls the local control plane needs, over etcd's v3 JSON gateway
 * (served on the client port), so no etcdctl binary is required.
 */
export class EtcdKvClient {
  constructor(private readonly clientUrl: string) {}

  private async call<T>(path: string, body: unknown): Promise<T> {
    const response = await fetch(`${this.clientUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`etcd ${path} at ${this.clientUrl} failed: HTTP ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  private rangeOf(prefix: string) {
    const key = Buffer.from(prefix, "utf8");
    return { key: b64(key), range_end: b64(prefixRangeEnd(key)) };
  }

  /** Deletes every key under `prefix`; returns how many were deleted. */
  async deletePrefix(prefix: string): Promise<number> {
    const result = await this.call<{ deleted?: string }>("/v3/kv/deleterange", this.rangeOf(prefix));
    return Number(result.deleted ?? 0);
  }

  /** How many keys exist under `prefix`. */
  async countPrefix(prefix: string): Promise<number> {
    const result = await this.call<{ count?: string }>("/v3/kv/range", { ...this.rangeOf(prefix), count_only: true });
    return Number(result.count ?? 0);
  }
}
