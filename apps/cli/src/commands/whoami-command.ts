import type { Command } from "commander";
import { createAuthenticatedFetch } from "../auth/authenticated-fetch";
import { fetchCurrentUser } from "../auth/auth-endpoints";
import type { CliContext } from "../cli-context";
import { loadCliSettings, type GlobalOptions } from "../cli-settings";

/** `hks whoami`: asks the platform who the stored tokens belong to (refreshing them if needed). */
export function registerWhoamiCommand(program: Command, context: CliContext): void {
  program
    .command("whoami")
    .description("show the signed-in user and session, as the platform sees them")
    .option("--json", "print machine-readable JSON")
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
      const apiUrl = (await loadCliSettings(context, options)).apiUrl.value;
      const fetch = createAuthenticatedFetch({ configFile: context.environment.configFile, apiUrl, fetch: context.fetch });
      const user = await fetchCurrentUser({ apiUrl, fetch });

      if (options.json) {
        context.stdout(`${JSON.stringify({ apiUrl, ...user }, null, 2)}\n`);
        return;
      }
      context.stdout(
        [
          `email:    ${user.email}`,
          `name:     ${user.name}`,
          `provider: ${user.provider}`,
          `session:  ${user.sessionId}`,
          `api:      ${apiUrl}`,
        ].join("\n") + "\n",
      );
    });
}
