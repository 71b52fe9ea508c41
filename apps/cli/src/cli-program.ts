import { PLATFORM_VERSION } from "@hks/contracts";
import { Command } from "commander";
import type { CliContext } from "./cli-context";
import { registerAuthCommand } from "./commands/auth-command";
import { registerConfigCommand } from "./commands/config-command";
import { registerKubeCommand } from "./commands/kube-command";
import { registerLoginCommand } from "./commands/login-command";
import { registerLogoutCommand } from "./commands/logout-command";
import { registerVersionCommand } from "./commands/version-command";
import { registerWhoamiCommand } from "./commands/whoami-command";
import { reportError } from "./report-error";

/**
 * The `hks` command tree. Each command registers itself from its own file via `program.command()`
 * (so it inherits the output and exit settings below); later issues add `workspaces` and
 * `projects` the same way.
 */
export function createCliProgram(context: CliContext): Command {
  const program = new Command("hks")
    .description("Hexabase KaaS command-line tool")
    .version(PLATFORM_VERSION, "-V, --version", "print the CLI version only (no server call)")
    .option("--api-url <url>", "platform API URL; overrides HKS_API_URL and the config file")
    .helpOption("-h, --help", "show help")
    .exitOverride()
    .configureOutput({ writeOut: context.stdout, writeErr: context.stderr });

  registerLoginCommand(program, context);
  registerLogoutCommand(program, context);
  registerWhoamiCommand(program, context);
  registerAuthCommand(program, context);
  registerVersionCommand(program, context);
  registerConfigCommand(program, context);
  registerKubeCommand(program, context);
  return program;
}

/** Runs one invocation and returns its exit code; never throws and never calls process.exit. */
export async function runCli(args: readonly string[], context: CliContext): Promise<number> {
  try {
    await createCliProgram(context).parseAsync([...args], { from: "user" });
    return 0;
  } catch (error) {
    const report = reportError(error, { debug: context.environment.debug });
    if (report.text) context.stderr(report.text);
    return report.exitCode;
  }
}
