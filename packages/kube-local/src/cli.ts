/**
 * hks kube-local: run the local Kubernetes control plane in the foreground.
 *
 *   npx tsx packages/kube-local/src/cli.ts up [--state-dir .state/kube] [--no-virtual-clusters]
 *   npx tsx packages/kube-local/src/cli.ts build
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startControlPlane } from "./control-plane";
import type { ControlPlane } from "./control-plane";
import { ensureKubeBinaries } from "./kube-binaries";
import { VIRTUAL_CLUSTER_SELECTOR } from "./virtual-cluster-contract";

const USAGE = `usage: kube-local <command> [options]

commands:
  up      start etcd, kube-apiserver, kube-controller-manager and the virtual-cluster
          runtime in the foreground; Ctrl-C (or SIGTERM) stops them
  build   build the pinned binaries if needed and print their directory

options for up:
  --state-dir DIR          keep data, certificates and kubeconfigs in DIR and resume them next
                           time (default: a temp dir removed on exit)
  --no-virtual-clusters    do not serve vCluster StatefulSets
`;

const timestamp = () => new Date().toISOString().slice(11, 19);
const say = (message: string) => process.stderr.write(`[kube-local ${timestamp()}] ${message}\n`);

async function up(stateDir: string | undefined, virtualClusters: boolean): Promise<void> {
  const startedAt = Date.now();
  const controlPlane = await startControlPlane({
    ...(stateDir ? { stateDir } : {}),
    virtualClusters,
    log: say,
  });
  const { binaries } = controlPlane;
  const envFile = join(controlPlane.stateDir, "env.sh");
  const exports = `export KUBECONFIG=${controlPlane.kubeconfigPath}\nexport PATH=${binaries.binDir}:$PATH\n`;
  writeFileSync(envFile, exports);
  process.stdout.write(
    [
      "",
      `Local Kubernetes ${binaries.versions.kube} (etcd ${binaries.versions.etcd}) is up after ${((Date.now() - startedAt) / 1000).toFixed(1)}s`,
      `  API server:  ${controlPlane.server}`,
      `  kubeconfig:  ${controlPlane.kubeconfigPath}`,
      `  state dir:   ${controlPlane.stateDir}${stateDir ? "" : " (temporary, removed on exit)"}`,
      `  logs:        ${join(controlPlane.stateDir, "logs")}, ${controlPlane.host.logDir}`,
      "",
      `Use it from another shell (or: source ${envFile}):`,
      ...exports.trimEnd().split("\n").map((line) => `  ${line}`),
      "  kubectl get namespaces",
      "",
      ...(virtualClusters
        ? [
            `StatefulSets labelled ${VIRTUAL_CLUSTER_SELECTOR} get a virtual cluster each;`,
            "its kubeconfig:",
            "  kubectl get secret vc-<name> -n <ns> -o jsonpath='{.data.config}' | base64 -d > vc.kubeconfig",
            "",
          ]
        : []),
      "Ctrl-C stops everything.",
      "",
    ].join("\n"),
  );
  await runUntilStopped(controlPlane);
}

/** Waits for SIGINT/SIGTERM (or a crashed component), then stops everything. */
async function runUntilStopped(controlPlane: ControlPlane): Promise<void> {
  const reason = await new Promise<{ signal?: NodeJS.Signals; crash?: string }>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => resolve({ signal }));
    for (const component of [controlPlane.etcdServer.process, controlPlane.host.apiserver, controlPlane.host.controllerManager]) {
      void component.exited.then(() => resolve({ crash: component.describeExit() }));
    }
  });
  if (reason.crash) say(`a component stopped unexpectedly:\n${reason.crash}`);
  say(reason.signal ? `${reason.signal}: stopping` : "stopping");
  // A second Ctrl-C while stopping exits at once; the exit handler still kills every process group.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));
  await controlPlane.stop();
  say("stopped");
  process.exitCode = reason.crash ? 1 : 0;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      "state-dir": { type: "string" },
      "no-virtual-clusters": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return;
  }
  switch (command) {
    case "up":
      await up(values["state-dir"], !values["no-virtual-clusters"]);
      return;
    case "build":
      process.stdout.write(`${(await ensureKubeBinaries()).binDir}\n`);
      return;
    default:
      process.stderr.write(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
      process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  say(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
