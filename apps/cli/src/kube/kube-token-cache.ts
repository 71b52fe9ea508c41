import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readFile, readdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { z } from "zod";
import { withFileLock } from "../config/file-lock";

/** A workspace kube token as cached on disk; `expiresAt` is on this machine's clock. */
const cachedTokenSchema = z
  .object({ apiUrl: z.string(), organizationId: z.string(), workspaceId: z.string(), token: z.string().min(1), expiresAt: z.iso.datetime() })
  .strict();

type CachedKubeToken = z.infer<typeof cachedTokenSchema>;

export interface KubeToken {
  token: string;
  expiresAt: Date;
}

export interface KubeTokenRequest {
  configFile: string;
  apiUrl: string;
  organizationId: string;
  workspaceId: string;
  /** A cached token with less than this left is replaced. */
  minValidityMs: number;
  /** Asks the platform for a new token. */
  mint: () => Promise<{ token: string; expiresInSeconds: number }>;
  now?: () => number;
}

/** Tokens are cached beside the config file, one file per API URL and workspace. */
const CACHE_DIR = "kube-tokens";
const urlKey = (apiUrl: string) => createHash("sha256").update(apiUrl).digest("hex").slice(0, 16);

export function kubeTokenCacheFile(configFile: string, apiUrl: string, workspaceId: string): string {
  return join(dirname(configFile), CACHE_DIR, `${urlKey(apiUrl)}-${workspaceId}.json`);
}

async function readCached(file: string): Promise<CachedKubeToken | undefined> {
  try {
    const parsed = cachedTokenSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Missing or unreadable: there is simply nothing cached.
    return undefined;
  }
}

/** Written like the config file: a 0600 temporary file renamed over the old one, in a 0700 directory. */
async function writeCached(file: string, cached: CachedKubeToken): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(`${JSON.stringify(cached)}\n`, "utf8");
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * A kube token for the workspace with at least `minValidityMs` left: the cached one, or a new one
 * from the platform, cached until it is nearly used up. kubectl runs the plugin afresh in every
 * process, so without the cache each kubectl command would mint a token; the lock makes parallel
 * kubectl processes share one mint instead of racing.
 */
export async function cachedOrFreshKubeToken(request: KubeTokenRequest): Promise<KubeToken> {
  const now = request.now ?? Date.now;
  const file = kubeTokenCacheFile(request.configFile, request.apiUrl, request.workspaceId);
  const usable = (cached: CachedKubeToken | undefined): cached is CachedKubeToken =>
    cached !== undefined &&
    cached.apiUrl === request.apiUrl &&
    cached.organizationId === request.organizationId &&
    cached.workspaceId === request.workspaceId &&
    Date.parse(cached.expiresAt) - now() >= request.minValidityMs;

  const cached = await readCached(file);
  if (usable(cached)) return { token: cached.token, expiresAt: new Date(cached.expiresAt) };

  return withFileLock(`${file}.lock`, async () => {
    const meanwhile = await readCached(file);
    if (usable(meanwhile)) return { token: meanwhile.token, expiresAt: new Date(meanwhile.expiresAt) };
    // expires_in counted from when the request was sent: never later than the real expiry.
    const requestedAt = now();
    const minted = await request.mint();
    const expiresAt = new Date(requestedAt + minted.expiresInSeconds * 1000);
    await writeCached(file, { apiUrl: request.apiUrl, organizationId: request.organizationId, workspaceId: request.workspaceId, token: minted.token, expiresAt: expiresAt.toISOString() });
    return { token: minted.token, expiresAt };
  });
}

/** Deletes every cached kube token of an API URL (on sign-out: they belong to the ended session). */
export async function forgetKubeTokens(configFile: string, apiUrl: string): Promise<void> {
  const dir = join(dirname(configFile), CACHE_DIR);
  const prefix = `${urlKey(apiUrl)}-`;
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => name.startsWith(prefix)).map((name) => rm(join(dir, name), { force: true })));
}
