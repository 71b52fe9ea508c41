import type { Command } from "commander";
import { getValidAccessToken } from "../auth/access-token";
import { NotSignedInError } from "../auth/not-signed-in-error";
import { readSignIn } from "../auth/session-store";
import { accessTokenRemainingMs } from "../auth/token-pair-credential";
import type { CliContext } from "../cli-context";
import { loadCliSettings, type GlobalOptions } from "../cli-settings";
import { describeDuration } from "../describe-duration";

/** `hks auth token|status`: the stored sign-in, for scripts and for a quick look. */
export function registerAuthCommand(program: Command, context: CliContext): void {
  const auth = program.command("auth").description("work with the stored sign-in (see also login, logout, whoami)");

  auth
    .command("token")
    .description("print an access token valid for at least a minute (refreshing it first if needed), for scripts")
    .action(async (_options: unknown, command: Command) => {
      const apiUrl = (await loadCliSettings(context, command.optsWithGlobals<GlobalOptions>())).apiUrl.value;
      const signIn = await getValidAccessToken({ configFile: context.environment.configFile, apiUrl, fetch: context.fetch });
      // The one place a token is printed: the user asked for exactly this.
      context.stdout(`${signIn.credential.accessToken}\n`);
    });

  auth
    .command("status")
    .description("show whether tokens are stored for this API URL and when they expire (no server call)")
    .option("--json", "print machine-readable JSON")
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
      const apiUrl = (await loadCliSettings(context, options)).apiUrl.value;
      const signIn = await readSignIn(context.environment.configFile, apiUrl);
      if (!signIn) throw new NotSignedInError(apiUrl);
      const { expiresAt, refreshExpiresAt } = signIn.credential;

      if (options.json) {
        context.stdout(`${JSON.stringify({ apiUrl, signedIn: true, accessTokenExpiresAt: expiresAt, sessionExpiresAt: refreshExpiresAt }, null, 2)}\n`);
        return;
      }
      const remaining = accessTokenRemainingMs(signIn.credential, Date.now());
      context.stdout(
        `Signed in to ${apiUrl}\n` +
          `  access token: ${remaining > 0 ? `expires in ${describeDuration(remaining)}` : "expired; refreshed on next use"} (${expiresAt})\n` +
          `  session:      ends at the latest ${refreshExpiresAt}, sooner if idle or revoked\n`,
      );
    });
}
