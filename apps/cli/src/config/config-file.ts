import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { z } from "zod";
import { CliError } from "../cli-error";
import { cliConfigSchema, type CliConfig } from "./config-schema";
import { withFileLock } from "./file-lock";

/** The file will hold tokens: only the owner may read it, and only the owner may list its folder. */
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/** Reads and validates the config file; a missing file is an empty config, not an error. */
export async function loadConfigFile(path: string): Promise<CliConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (isErrno(error, "ENOENT")) return {};
    throw new CliError(`cannot read config file ${path}: ${errorMessage(error)}`, { cause: error });
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`config file ${path} is not valid JSON (${errorMessage(error)}); fix or remove it`, {
      cause: error,
    });
  }

  const parsed = cliConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new CliError(`config file ${path} is invalid: ${describeIssues(parsed.error)}; fix or remove it`);
  }
  return parsed.data;
}

/**
 * Validates and writes the whole config atomically: a temporary file in the same directory is
 * written, flushed and renamed over the old one, so a crash or a concurrent reader never sees a
 * half-written file. The new file is created 0600 whatever the umask or the old file's mode.
 */
export async function saveConfigFile(path: string, config: CliConfig): Promise<void> {
  const parsed = cliConfigSchema.safeParse(config);
  if (!parsed.success) throw new CliError(`refusing to write an invalid config: ${describeIssues(parsed.error)}`);
  const contents = `${JSON.stringify(parsed.data, null, 2)}\n`;

  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
  const tempPath = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(tempPath, "wx", FILE_MODE);
    try {
      await handle.chmod(FILE_MODE);
      await handle.writeFile(contents, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, path);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw new CliError(`cannot write config file ${path}: ${errorMessage(error)}`, { cause: error });
  }
}

/**
 * Load, change, save under the config file's lock: the one way commands modify the file, so
 * unrelated keys (tokens) survive and two processes cannot overwrite each other's change.
 */
export async function updateConfigFile(path: string, change: (config: CliConfig) => CliConfig): Promise<CliConfig> {
  return withConfigFileLock(path, async () => {
    const next = change(await loadConfigFile(path));
    await saveConfigFile(path, next);
    return next;
  });
}

/**
 * Holds the config file's lock (`<file>.lock` beside it) while `work` runs. Inside, use
 * loadConfigFile/saveConfigFile, not updateConfigFile: the lock is not re-entrant.
 */
export function withConfigFileLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  return withFileLock(`${path}.lock`, work);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join(".") : undefined;
      if (issue.code === "unrecognized_keys") {
        const keys = issue.keys.map((key) => `"${key}"`).join(", ");
        const noun = issue.keys.length === 1 ? "key" : "keys";
        if (where) return `unknown ${noun} ${keys} in ${where}`;
        return `unknown ${noun} ${keys} (known keys: ${Object.keys(cliConfigSchema.shape).join(", ")})`;
      }
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
