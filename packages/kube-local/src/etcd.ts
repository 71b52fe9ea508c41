import { join } from "node:path";
import { EtcdKvClient } from "./etcd-kv-client";
import { findFreePort } from "./free-port";
import { ManagedProcess } from "./managed-process";
import { StartupError, waitForReady } from "./wait-for-ready";

export interface EtcdOptions {
  binary: string;
  dataDir: string;
  logDir: string;
  /** Ports used last time (a restarted member keeps its peer URL); replaced when taken. */
  preferredClientPort?: number;
  preferredPeerPort?: number;
  /**
   * Skip fsync: much faster on slow disks, but a machine crash can lose the last writes.
   * Right for throw-away test clusters, not for a persisted local environment.
   */
  unsafeNoFsync: boolean;
  timeoutMs?: number;
}

export interface EtcdServer {
  clientUrl: string;
  clientPort: number;
  peerPort: number;
  process: ManagedProcess;
  kv: EtcdKvClient;
  stop(): Promise<void>;
}

const MAX_PORT_ATTEMPTS = 3;

/**
 * A single-member etcd on 127.0.0.1 (plain HTTP: it is only reachable from this machine).
 * Shared by the host apiserver (prefix /registry) and every virtual cluster's apiserver.
 */
export async function startEtcd(options: EtcdOptions): Promise<EtcdServer> {
  let preferredClient = options.preferredClientPort;
  let preferredPeer = options.preferredPeerPort;
  for (let attempt = 1; ; attempt++) {
    const clientPort = await findFreePort(preferredClient);
    let peerPort = await findFreePort(preferredPeer);
    if (peerPort === clientPort) peerPort = await findFreePort();
    const clientUrl = `http://127.0.0.1:${clientPort}`;
    const peerUrl = `http://127.0.0.1:${peerPort}`;
    const process = ManagedProcess.start({
      name: "etcd",
      command: options.binary,
      args: [
        "--name=default",
        `--data-dir=${options.dataDir}`,
        `--listen-client-urls=${clientUrl}`,
        `--advertise-client-urls=${clientUrl}`,
        `--listen-peer-urls=${peerUrl}`,
        `--initial-advertise-peer-urls=${peerUrl}`,
        `--initial-cluster=default=${peerUrl}`,
        "--log-level=warn",
        ...(options.unsafeNoFsync ? ["--unsafe-no-fsync"] : []),
      ],
      logFile: join(options.logDir, "etcd.log"),
    });
    try {
      await waitForReady(
        async () => {
          const response = await fetch(`${clientUrl}/health`);
          const body = (await response.json()) as { health?: string };
          return response.ok && body.health === "true";
        },
        { what: "etcd", process, timeoutMs: options.timeoutMs ?? 60_000 },
      );
    } catch (error) {
      await process.stop();
      if (error instanceof StartupError && error.addressInUse && attempt < MAX_PORT_ATTEMPTS) {
        preferredClient = undefined;
        preferredPeer = undefined;
        continue;
      }
      throw error;
    }
    return {
      clientUrl,
      clientPort,
      peerPort,
      process,
      kv: new EtcdKvClient(clientUrl),
      stop: () => process.stop(),
    };
  }
}
