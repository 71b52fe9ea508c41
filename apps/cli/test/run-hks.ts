import { spawn } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./api-server-process";

export const hksBin = join(repoRoot, "apps/cli/bin/hks");

export interface HksResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface HksOptions {
  env?: NodeJS.ProcessEnv;
  cwd: string;
  command?: string;
}

/**
 * Runs the installed launcher as a user would: the executable file itself (shebang and all), in
 * a working directory outside the repository, with only the environment given plus PATH and HOME
 * (so a developer's own HKS_* variables or config file cannot leak in).
 */
export function runHks(args: string[], options: HksOptions): Promise<HksResult> {
  return startHks(args, options).result;
}

export interface RunningHks {
  /** Resolves with the first match of `pattern` in stderr (where prompts and URLs go). */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  result: Promise<HksResult>;
  signal(name: NodeJS.Signals): void;
}

/** Like runHks, for commands that wait on the outside world (`hks login`) while the test acts. */
export function startHks(args: string[], options: HksOptions): RunningHks {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: options.cwd, ...options.env };
  const child = spawn(options.command ?? hksBin, args, { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const stderrListeners = new Set<() => void>();
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const listener of stderrListeners) listener();
  });
  const result = new Promise<HksResult>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (exitCode) => resolve({ exitCode, stdout, stderr }));
  });

  return {
    result,
    signal: (name) => void child.kill(name),
    waitForStderr: (pattern, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const done = () => {
          stderrListeners.delete(check);
          clearTimeout(timer);
        };
        const check = () => {
          const match = stderr.match(pattern);
          if (!match) return;
          done();
          resolve(match);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`hks did not print ${pattern} within ${timeoutMs} ms; stderr so far:\n${stderr}\nstdout:\n${stdout}`));
        }, timeoutMs);
        stderrListeners.add(check);
        void result.then(() => {
          if (!stderrListeners.has(check)) return;
          done();
          reject(new Error(`hks exited before printing ${pattern}; stderr:\n${stderr}\nstdout:\n${stdout}`));
        });
        check();
      }),
  };
}
