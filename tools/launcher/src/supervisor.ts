import { spawn, type ChildProcess } from "node:child_process";

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  /** URL that answers 2xx once the process is ready; the launcher waits for it before announcing. */
  readyUrl?: string;
}

const COLORS = [36, 35, 33, 32, 34];

/**
 * Runs the platform's processes side by side for local use, like a tiny process manager: output
 * is prefixed with the process name, one process dying stops the others (a half-running platform
 * is more confusing than a stopped one), and Ctrl-C stops them all gracefully.
 */
export class Supervisor {
  private readonly children = new Map<string, ChildProcess>();
  private stopping = false;
  private exitCode = 0;
  private resolveDone: (code: number) => void = () => {};
  readonly done = new Promise<number>((resolve) => (this.resolveDone = resolve));

  start(spec: ProcessSpec): void {
    const color = COLORS[this.children.size % COLORS.length];
    const prefix = `\x1b[${color}m${spec.name.padEnd(7)}|\x1b[0m `;
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    this.children.set(spec.name, child);
    const relay = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (line.length > 0) stream.write(`${prefix}${line}\n`);
    };
    child.stdout?.on("data", relay(process.stdout));
    child.stderr?.on("data", relay(process.stderr));
    child.on("exit", (code, signal) => {
      this.children.delete(spec.name);
      if (!this.stopping) {
        process.stderr.write(`${prefix}exited (${signal ?? `code ${code}`}); stopping the others\n`);
        this.exitCode = code === 0 ? 1 : (code ?? 1);
        void this.stop();
      }
      if (this.children.size === 0) this.resolveDone(this.exitCode);
    });
  }

  async stop(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    const running = [...this.children.values()];
    for (const child of running) signalGroup(child, "SIGTERM");
    const timer = setTimeout(() => running.forEach((child) => signalGroup(child, "SIGKILL")), graceMs);
    timer.unref();
    await this.done;
    clearTimeout(timer);
  }
}

/** Signals the child's whole process group (npx → node → next workers), not just the wrapper. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export async function waitUntilReady(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return false;
}
