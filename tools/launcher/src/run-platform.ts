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
const webPort = process.env.HKS_WEB_PORT ?? "3000";
const webMode = process.env.HKS_WEB_MODE === "dev" ? "dev" : "production";
const apiOrigin = `http://${config.http.host}:${config.http.port}`;
const webOrigin = `http://${config.http.host}:${webPort}`;
const tsx = (entry: string): string[] => ["--import", "tsx", path.join(repoRoot, entry)];

const processes: ProcessSpec[] = [
  { name: "api", command: process.execPath, args: tsx("apps/api/src/main.ts"), cwd: repoRoot, env: {}, readyUrl: `${apiOrigin}/readyz` },
];
if (config.mode === "services") {
  processes.push({ name: "worker", command: process.execPath, args: tsx("apps/worker/src/main.ts"), cwd: repoRoot, env: {} });
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
for (const spec of processes) supervisor.start(spec);
process.on("SIGINT", () => void supervisor.stop());
process.on("SIGTERM", () => void supervisor.stop());

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
      "  Press Ctrl-C to stop.",
      "",
    ].join("\n") + "\n",
  );
}
process.exitCode = await supervisor.done;
