import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfigOrExit } from "@hks/config";
import { Supervisor, waitUntilReady, type ProcessSpec } from "./supervisor";

/**
 * `npm start`: runs the platform locally. With DATABASE_URL, REDIS_URL and NATS_URL set (the
 * start script sets them for `--services`), API, worker and web run as separate processes like in
 * production; without them the API runs embedded (PGlite, in-process cache and queue, worker
 * in-process) and only the web app runs beside it.
 */
const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const config = loadConfigOrExit();
// The dashboard listens where its public URL says (HKS_PUBLIC_URL, default http://127.0.0.1:3000).
const webPort = new URL(config.auth.publicUrl).port || "80";
const webMode = process.env.HKS_WEB_MODE === "dev" ? "dev" : "production";
const apiOrigin = `http://${config.http.host}:${config.http.port}`;
const webOrigin = config.auth.publicUrl;
const tsx = (entry: string): string[] => ["--import", "tsx", path.join(repoRoot, entry)];

const processes: ProcessSpec[] = [];
// The dashboard's origin is where OAuth callbacks and cookies live.
const platformEnv: Record<string, string> = { HKS_PUBLIC_URL: config.auth.publicUrl };

/**
 * Local sign-in without any provider credentials: outside production, when no provider is
 * configured, a real OIDC provider with test users runs on loopback and the API trusts it.
 */
const devIdp = config.env !== "production" && config.auth.providers.length === 0;
if (devIdp) {
  const port = process.env.HKS_DEV_IDP_PORT ?? "5556";
  const issuer = `http://127.0.0.1:${port}`;
  const clientSecret = randomBytes(24).toString("base64url");
  processes.push({
    name: "dev-idp",
    command: process.execPath,
    args: [...tsx("tools/dev-idp/src/cli.ts"), "--port", port, "--client-id", "hks-local", "--client-secret", clientSecret, "--redirect-uri", `${platformEnv.HKS_PUBLIC_URL}/auth/callback/dev`],
    cwd: repoRoot,
    env: {},
    readyUrl: `${issuer}/.well-known/openid-configuration`,
  });
  platformEnv.HKS_AUTH_OIDC_PROVIDERS = JSON.stringify([
    { id: "dev", name: "Development sign-in", issuer, clientId: "hks-local", clientSecret },
  ]);
}

/**
 * Workspaces need a host cluster. Outside production, without HKS_HOST_KUBECONFIG, a local
 * Kubernetes control plane (with the virtual-cluster runtime) runs under the state directory and
 * keeps its data between runs; HKS_LOCAL_KUBERNETES=off leaves it out.
 */
const localKubernetes = config.env !== "production" && config.kubernetes.hostKubeconfigPath === undefined && process.env.HKS_LOCAL_KUBERNETES !== "off";
const kubeStateDir = path.join(config.stateDir, "kube");
const kubeEnvFile = path.join(kubeStateDir, "env.sh");
const kubeSpec: ProcessSpec = {
  name: "kube",
  command: process.execPath,
  args: [...tsx("packages/kube-local/src/cli.ts"), "up", "--state-dir", kubeStateDir],
  cwd: repoRoot,
  env: {},
};

processes.push({ name: "api", command: process.execPath, args: tsx("apps/api/src/main.ts"), cwd: repoRoot, env: platformEnv, readyUrl: `${apiOrigin}/readyz` });
if (config.mode === "services") {
  processes.push({ name: "worker", command: process.execPath, args: tsx("apps/worker/src/main.ts"), cwd: repoRoot, env: platformEnv });
}
processes.push({
  name: "web",
  command: "npx",
  args: ["next", webMode === "dev" ? "dev" : "start", "-p", webPort, "-H", config.http.host],
  cwd: path.join(repoRoot, "apps/web"),
  env: { HKS_API_ORIGIN: apiOrigin, NEXT_TELEMETRY_DISABLED: "1" },
  readyUrl: `${webOrigin}/sign-in`,
});

const supervisor = new Supervisor();
process.on("SIGINT", () => void supervisor.stop());
process.on("SIGTERM", () => void supervisor.stop());
if (localKubernetes) {
  // The CLI writes env.sh once the control plane serves; a stale one from the last run must not count.
  rmSync(kubeEnvFile, { force: true });
  process.stdout.write("  Starting the local Kubernetes control plane (the first run builds it from Go modules: ~11 min on 2 cores)\n");
  supervisor.start(kubeSpec);
  const ready = await Promise.race([waitForFile(kubeEnvFile, 30 * 60_000), supervisor.done.then(() => false)]);
  if (!ready) {
    process.stderr.write("the local Kubernetes control plane did not start; see its output above\n");
    await supervisor.stop();
    process.exit(1);
  }
  const kubeconfig = /^export KUBECONFIG=(.+)$/m.exec(readFileSync(kubeEnvFile, "utf8"))?.[1];
  if (kubeconfig) platformEnv.HKS_HOST_KUBECONFIG = kubeconfig;
}
for (const spec of processes) supervisor.start(spec);

const readiness = await Promise.all(processes.map((spec) => (spec.readyUrl ? waitUntilReady(spec.readyUrl, 180_000) : true)));
if (readiness.every(Boolean)) {
  process.stdout.write(
    [
      "",
      `  Hexabase KaaS is running (${config.mode} mode${config.mode === "embedded" ? `, data in ${config.stateDir}` : ""})`,
      `    Dashboard      ${webOrigin}`,
      `    API            ${apiOrigin}   (also proxied under ${webOrigin}/api)`,
      `    API docs       ${apiOrigin}/docs`,
      `    OpenAPI        ${apiOrigin}/openapi.json`,
      `    Metrics        ${apiOrigin}/metrics`,
      ...(localKubernetes ? [`    Kubernetes     local host cluster: source ${kubeEnvFile}  (kubectl as cluster admin)`] : []),
      ...(devIdp ? ["    Sign in        with \"Development sign-in\" as alice@example.com or bob@example.com (no password)"] : []),
      "  Press Ctrl-C to stop.",
      "",
    ].join("\n") + "\n",
  );
}
process.exitCode = await supervisor.done;

async function waitForFile(file: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(file)) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
