import path from "node:path";
import { configSchema, type RawConfig } from "./config-schema";
import { authConfigFrom, type AuthConfig } from "./auth-config";

/** Which backing services the process uses: embedded (PGlite, in-process) or the real ones. */
export type ServiceMode = "embedded" | "services";

export interface Config {
  env: RawConfig["HKS_ENV"];
  mode: ServiceMode;
  http: {
    host: string;
    port: number;
    publicUrl: string | undefined;
    /** Proxies whose X-Forwarded-For is believed (IPs or CIDRs); empty means none. */
    trustedProxies: string[];
    bodyLimitBytes: number;
    requestTimeoutMs: number;
    shutdownGraceMs: number;
  };
  logLevel: RawConfig["HKS_LOG_LEVEL"];
  auth: AuthConfig;
  stateDir: string;
  kubernetes: {
    /** Admin kubeconfig of the host cluster workspaces are provisioned on; unset = no provisioning. */
    hostKubeconfigPath: string | undefined;
    /** Where workspace backups are written (sealed with the master key). */
    backupDir: string;
    /** How often every running workspace's objects are compared with what they should be. */
    reconcileIntervalMs: number;
    /** How long provisioning, start, stop and upgrade wait for a virtual cluster. */
    readyTimeoutMs: number;
  };
  /** The live-updates WebSocket (`docs/live-updates.md`). */
  live: {
    /** How often each socket is pinged (and sent a heartbeat frame); a socket silent for a whole interval is dropped. */
    heartbeatMs: number;
    /** How often each socket re-checks its session and organization membership. */
    recheckMs: number;
    /** Open sockets one user may hold on one replica. */
    maxConnectionsPerUser: number;
  };
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  natsUrl: string | undefined;
  /** Prefix of this platform's subjects and stream on NATS (several platforms may share one server). */
  natsNamespace: string;
  /**
   * How long a worker may go silent on a task before another worker takes it over. A worker that
   * is alive says it is still working every third of this, so only a dead worker's tasks move.
   */
  taskAckWaitMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

/**
 * Reads and validates the environment. Throws `ConfigError` naming every bad variable.
 * The mode is decided here, once: either all three service URLs are set (services mode) or none
 * (embedded mode). A partial set is almost always a mistake, so it is refused.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "(environment)"),
        message: issue.message,
      })),
    );
  }
  const raw = parsed.data;

  const serviceUrls = { DATABASE_URL: raw.DATABASE_URL, REDIS_URL: raw.REDIS_URL, NATS_URL: raw.NATS_URL };
  const missing = Object.entries(serviceUrls).filter(([, value]) => value === undefined);
  if (missing.length > 0 && missing.length < 3) {
    throw new ConfigError(
      missing.map(([variable]) => ({
        variable,
        message:
          "must be set when any of DATABASE_URL, REDIS_URL, NATS_URL is set (set all three for services mode, or none for embedded mode)",
      })),
    );
  }
  const mode: ServiceMode = missing.length === 0 ? "services" : "embedded";
  const providerProblems = providerPairProblems(raw);
  if (providerProblems.length > 0) throw new ConfigError(providerProblems);
  if (mode === "embedded" && raw.HKS_ENV === "production") {
    throw new ConfigError([
      {
        variable: "DATABASE_URL",
        message: "production needs real services: set DATABASE_URL, REDIS_URL and NATS_URL",
      },
    ]);
  }

  return {
    env: raw.HKS_ENV,
    mode,
    http: {
      host: raw.HKS_HOST,
      port: raw.HKS_PORT,
      publicUrl: raw.HKS_PUBLIC_URL,
      trustedProxies: raw.HKS_TRUSTED_PROXIES,
      bodyLimitBytes: raw.HKS_BODY_LIMIT_BYTES,
      requestTimeoutMs: raw.HKS_REQUEST_TIMEOUT_MS,
      shutdownGraceMs: raw.HKS_SHUTDOWN_GRACE_MS,
    },
    logLevel: raw.HKS_LOG_LEVEL,
    auth: authConfigFrom(raw),
    stateDir: path.resolve(raw.HKS_STATE_DIR),
    kubernetes: {
      hostKubeconfigPath: raw.HKS_HOST_KUBECONFIG === undefined ? undefined : path.resolve(raw.HKS_HOST_KUBECONFIG),
      backupDir: path.resolve(raw.HKS_BACKUP_DIR ?? path.join(raw.HKS_STATE_DIR, "backups")),
      reconcileIntervalMs: raw.HKS_RECONCILE_INTERVAL_SECONDS * 1000,
      readyTimeoutMs: raw.HKS_VCLUSTER_READY_TIMEOUT_SECONDS * 1000,
    },
    live: {
      heartbeatMs: raw.HKS_LIVE_HEARTBEAT_SECONDS * 1000,
      recheckMs: raw.HKS_LIVE_RECHECK_SECONDS * 1000,
      maxConnectionsPerUser: raw.HKS_LIVE_MAX_CONNECTIONS_PER_USER,
    },
    databaseUrl: raw.DATABASE_URL,
    redisUrl: raw.REDIS_URL,
    natsUrl: raw.NATS_URL,
    natsNamespace: raw.HKS_NATS_NAMESPACE,
    taskAckWaitMs: raw.HKS_TASK_ACK_WAIT_SECONDS * 1000,
  };
}

/**
 * For process entry points: loads the config or prints what is wrong and exits non-zero.
 * Exit code 78 is EX_CONFIG from sysexits.h, so supervisors can tell a config error from a crash.
 */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

/** A provider's client id without its secret (or the reverse) is a half-finished set-up. */
function providerPairProblems(raw: RawConfig): { variable: string; message: string }[] {
  const pairs = [
    ["HKS_AUTH_GOOGLE_CLIENT_ID", "HKS_AUTH_GOOGLE_CLIENT_SECRET"],
    ["HKS_AUTH_GITHUB_CLIENT_ID", "HKS_AUTH_GITHUB_CLIENT_SECRET"],
    ["HKS_AUTH_GITLAB_CLIENT_ID", "HKS_AUTH_GITLAB_CLIENT_SECRET"],
  ] as const;
  return pairs.flatMap(([id, secret]) => {
    if (Boolean(raw[id]) === Boolean(raw[secret])) return [];
    const missing = raw[id] ? secret : id;
    return [{ variable: missing, message: `must be set together with ${missing === id ? secret : id}` }];
  });
}
