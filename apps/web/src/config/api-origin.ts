/**
 * The one place the web app reads its environment. `HKS_API_ORIGIN` is where the platform API
 * listens; the web origin proxies API paths there (next.config.ts) and the server asks it for the
 * session (features/session). It is validated here so a typo fails at start, naming the variable,
 * instead of surfacing later as a confusing proxy error.
 */
export const DEFAULT_API_ORIGIN = "http://127.0.0.1:8080";

type WebEnv = Readonly<Record<string, string | undefined>>;

export function readApiOrigin(env: WebEnv = process.env): string {
  const raw = env.HKS_API_ORIGIN?.trim() || DEFAULT_API_ORIGIN;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`HKS_API_ORIGIN must be an absolute http(s) URL such as ${DEFAULT_API_ORIGIN}; got "${raw}"`);
  }
  const isOriginOnly = url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !isOriginOnly) {
    throw new Error(`HKS_API_ORIGIN must be an origin (scheme, host, optional port) such as ${DEFAULT_API_ORIGIN}; got "${raw}"`);
  }
  return url.origin;
}

/**
 * Next bakes `rewrites` into the build (`.next/routes-manifest.json`), so the proxy keeps
 * forwarding to whatever HKS_API_ORIGIN was when `next build` ran, while server code reads it at
 * run time. A mismatch would split the app across two APIs (proxy to one, session checks to
 * another); refusing to start is kinder than the confusing failures that follow.
 * `HKS_BUILT_API_ORIGIN` is inlined at build time by `env` in next.config.ts.
 */
export function assertApiOriginMatchesBuild(env: WebEnv = process.env): void {
  const builtWith = process.env.HKS_BUILT_API_ORIGIN;
  const runningWith = readApiOrigin(env);
  if (builtWith && builtWith !== runningWith) {
    throw new Error(
      `HKS_API_ORIGIN is ${runningWith} but this build proxies API paths to ${builtWith}; ` +
        "rebuild the web app (next build) with the same HKS_API_ORIGIN it runs with",
    );
  }
}
