import { setTimeout as sleep } from "node:timers/promises";
import { isAddressInUse } from "./free-port";
import type { ManagedProcess } from "./managed-process";

/** A server did not become ready; carries whether it lost a race for its port, so callers can retry. */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly addressInUse: boolean,
  ) {
    super(message);
    this.name = "StartupError";
  }
}

export interface WaitForReadyOptions {
  /** What is being waited for, e.g. "kube-apiserver /readyz". */
  what: string;
  /** The server process: if it exits while we wait, fail at once with its log tail. */
  process: ManagedProcess;
  timeoutMs: number;
  intervalMs?: number;
}

/**
 * Polls `check` until it returns true. Fails fast when the process dies and, on timeout,
 * reports the last thing `check` threw plus the process's log tail.
 */
export async function waitForReady(check: () => Promise<boolean>, options: WaitForReadyOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastProblem = "";
  for (;;) {
    if (!options.process.isRunning) {
      // Let the exit status settle so the message says how it ended.
      await options.process.exited;
      const tail = options.process.logTail(200);
      throw new StartupError(`${options.what}: ${options.process.describeExit()}`, isAddressInUse(tail));
    }
    try {
      if (await check()) return;
      lastProblem = "not ready yet";
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      throw new StartupError(
        `${options.what} not ready after ${Math.round(options.timeoutMs / 1000)}s (last check: ${lastProblem}); ` +
          `last lines of ${options.process.logFile}:\n${options.process.logTail()}`,
        false,
      );
    }
    await sleep(options.intervalMs ?? 250);
  }
}
