import type { Command } from "commander";
import { signOut } from "../auth/sign-out";
import type { CliContext } from "../cli-context";
import { loadCliSettings, type GlobalOptions } from "../cli-settings";

/**
 * `hks logout`: ends the session on the platform and deletes the local tokens. Exits 0 whenever
 * the tokens are gone from this machine, and warns when the platform could not be told.
 */
export function registerLogoutCommand(program: Command, context: CliContext): void {
  program
    .command("logout")
    .description("end the session on the platform and delete the stored tokens for this API URL")
    .action(async (_options: unknown, command: Command) => {
      const apiUrl = (await loadCliSettings(context, command.optsWithGlobals<GlobalOptions>())).apiUrl.value;
      const result = await signOut({ configFile: context.environment.configFile, apiUrl, fetch: context.fetch });

      switch (result.outcome) {
        case "not-signed-in":
          context.stdout(`Not signed in to ${apiUrl}; nothing to do\n`);
          return;
        case "revoked":
          context.stdout(`Signed out of ${apiUrl}\n`);
          return;
        case "already-ended":
          context.stdout(`Signed out of ${apiUrl} (the session had already ended on the platform)\n`);
          return;
        case "local-only":
          context.stdout(`Deleted the stored tokens for ${apiUrl}\n`);
          context.stderr(
            `warning: could not end the session on the platform (${result.reason}); it stays valid there until it ` +
              `times out (at the latest ${result.sessionEndsBy}). Revoke it from another device to end it now.\n`,
          );
          return;
      }
    });
}
