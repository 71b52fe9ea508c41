import { spawn } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./api-server-process";

export const hksBin = join(repoRoot, "apps/cli/bin/hks");

export interface HksResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the installed launcher as a user would: the executable file itself (shebang and all), in
 * a working directory outside the repository, with only the environment given plus PATH and HOME
 * (so a developer's own HKS_* variables or config file cannot leak in).
 */
export function runHks(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd: string; command?: string },
): Promise<HksResult> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: options.cwd, ...options.env };
  const child = spawn(options.command ?? hksBin, args, { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}
