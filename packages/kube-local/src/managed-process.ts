import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartProcessOptions {
  /** Short name used in messages, e.g. `kube-apiserver`. */
  name: string;
  command: string;
  args: string[];
  /** stdout and stderr are appended here; its tail goes into error messages. */
  logFile: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Process groups this Node process started and has not stopped yet. On a normal exit of Node
 * (including `process.exit()` in a test worker) they are killed synchronously; if Node is killed
 * outright, each group's watchdog takes care of it.
 */
const liveGroups = new Set<number>();
process.once("exit", () => {
  for (const pgid of liveGroups) killGroup(pgid, "SIGKILL");
});

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Kills the child's process group when this Node process disappears without running its exit
 * handlers (SIGKILL, OOM, a test runner tearing its worker down), so no apiserver or etcd
 * outlives its owner. It exits on its own once the group is gone.
 */
const WATCHDOG_SCRIPT = `
parent=$1; pgid=$2
while kill -0 "$parent" 2>/dev/null && kill -0 "-$pgid" 2>/dev/null; do sleep 1; done
kill -KILL "-$pgid" 2>/dev/null
exit 0
`;

/**
 * A long-running child (etcd, kube-apiserver, ...) in a process group of its own, with its output
 * in a log file. `stop()` signals the whole group and escalates to SIGKILL.
 */
export class ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Resolves when the process has exited, for whatever reason. */
  readonly exited: Promise<ProcessExit>;
  private exitStatus: ProcessExit | undefined;
  private readonly watchdogPid: number | undefined;

  private constructor(name: string, pid: number, logFile: string, exited: Promise<ProcessExit>, watchdogPid?: number) {
    this.name = name;
    this.pid = pid;
    this.logFile = logFile;
    this.watchdogPid = watchdogPid;
    this.exited = exited.then((status) => {
      this.exitStatus = status;
      liveGroups.delete(pid);
      return status;
    });
  }

  static start(options: StartProcessOptions): ManagedProcess {
    const logFd = openSync(options.logFile, "a");
    let child;
    try {
      child = spawn(options.command, options.args, {
        detached: true, // own process group, so stop() can signal everything it spawned
        stdio: ["ignore", logFd, logFd],
        env: options.env ?? process.env,
      });
    } finally {
      closeSync(logFd);
    }
    const pid = child.pid;
    if (pid === undefined) {
      throw new Error(`could not start ${options.name} (${options.command}): is the binary present and executable?`);
    }
    liveGroups.add(pid);
    const exited = new Promise<ProcessExit>((resolve) => {
      child.once("exit", (code, signal) => resolve({ code, signal }));
      child.once("error", () => resolve({ code: null, signal: null }));
    });
    const watchdog = spawn("sh", ["-c", WATCHDOG_SCRIPT, "watchdog", String(process.pid), String(pid)], {
      detached: true,
      stdio: "ignore",
    });
    // The watchdog must not keep Node alive; the child does, until it is stopped.
    watchdog.unref();
    return new ManagedProcess(options.name, pid, options.logFile, exited, watchdog.pid);
  }

  get isRunning(): boolean {
    return this.exitStatus === undefined;
  }

  /** The last lines of the log, for error messages. */
  logTail(lines = 30): string {
    try {
      const text = readFileSync(this.logFile, "utf8").trimEnd().split("\n");
      return text.slice(-lines).join("\n");
    } catch {
      return "(no log output)";
    }
  }

  /** Describes an unexpected exit, including the log tail, for error messages. */
  describeExit(): string {
    const status = this.exitStatus;
    const how = status ? (status.signal ? `was killed by ${status.signal}` : `exited with code ${status.code}`) : "is running";
    return `${this.name} (pid ${this.pid}) ${how}; last lines of ${this.logFile}:\n${this.logTail()}`;
  }

  /**
   * SIGTERM to the whole process group, then SIGKILL after `timeoutMs`. Resolves once the
   * process has exited.
   */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (this.isRunning) {
      killGroup(this.pid, "SIGTERM");
      const timeout = new AbortController();
      const stopped = await Promise.race([
        this.exited.then(() => true),
        sleep(timeoutMs, false, { signal: timeout.signal }).catch(() => false),
      ]);
      timeout.abort(); // do not keep Node alive for the rest of the grace period
      if (!stopped) {
        killGroup(this.pid, "SIGKILL");
        await this.exited;
      }
    }
    // Anything the leader left behind in its group goes too.
    killGroup(this.pid, "SIGKILL");
    liveGroups.delete(this.pid);
    if (this.watchdogPid !== undefined) killGroup(this.watchdogPid, "SIGKILL");
  }
}
