import { Option, type Command } from "commander";
import { createAuthenticatedFetch } from "../auth/authenticated-fetch";
import { fetchCurrentUser, listAuthProviders, revokeSession } from "../auth/auth-endpoints";
import { signInThroughBrowser } from "../auth/browser-login";
import { chooseProvider } from "../auth/choose-provider";
import { ensureDeviceId, readSignIn, saveCredential } from "../auth/session-store";
import { accessTokenRemainingMs } from "../auth/token-pair-credential";
import type { CliContext } from "../cli-context";
import { CliError } from "../cli-error";
import { loadCliSettings, type GlobalOptions } from "../cli-settings";
import { describeDuration } from "../describe-duration";

/** The platform forgets a pending sign-in after 10 minutes, so waiting longer cannot succeed. */
const MAX_TIMEOUT_SECONDS = 600;
const DEFAULT_TIMEOUT_SECONDS = 300;

interface LoginOptions extends GlobalOptions {
  provider?: string;
  browser: boolean;
  timeout: string;
}

/** `hks login`: signs in through the browser and stores the tokens for the API URL in use. */
export function registerLoginCommand(program: Command, context: CliContext): void {
  program
    .command("login")
    .description("sign in to the platform in your browser and store the tokens for this API URL")
    .option("--provider <id>", "sign-in provider to use (required when the platform offers several)")
    .option("--no-browser", "only print the sign-in URL; do not try to open a browser")
    .addOption(
      new Option("--timeout <seconds>", `how long to wait for the browser (1–${MAX_TIMEOUT_SECONDS})`).default(
        String(DEFAULT_TIMEOUT_SECONDS),
      ),
    )
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<LoginOptions>();
      const timeoutMs = parseTimeoutSeconds(options.timeout) * 1000;
      const apiUrl = (await loadCliSettings(context, options)).apiUrl.value;
      const { configFile } = context.environment;

      const provider = chooseProvider(await listAuthProviders({ apiUrl, fetch: context.fetch }), options.provider, apiUrl);
      const deviceId = await ensureDeviceId(configFile);
      const previous = await readSignIn(configFile, apiUrl);

      await signInThroughBrowser({
        apiUrl,
        provider,
        deviceId,
        fetch: context.fetch,
        timeoutMs,
        onInterrupt: context.onInterrupt,
        save: (credential) => saveCredential(configFile, apiUrl, deviceId, credential),
        present: (url) => {
          const openUrl = options.browser ? context.openUrl : undefined;
          context.stderr(
            `${openUrl ? "Opening your browser to sign in" : "To sign in, open this URL in a browser on this machine"} ` +
              `(${provider.name} at ${apiUrl}):\n\n  ${url}\n\n` +
              `Waiting up to ${describeDuration(timeoutMs)} for the browser; press Ctrl-C to cancel.\n`,
          );
          openUrl?.(url);
        },
      });

      // The replaced session would otherwise stay alive (and count against the session limit)
      // until it times out. Best effort: the new sign-in has succeeded either way.
      if (previous) {
        const { credential } = previous;
        const accessToken = accessTokenRemainingMs(credential, Date.now()) > 0 ? credential.accessToken : undefined;
        await revokeSession({ apiUrl, deviceId: previous.deviceId, fetch: context.fetch }, { refreshToken: credential.refreshToken, accessToken }).catch(
          () => undefined,
        );
      }

      const user = await fetchCurrentUser({ apiUrl, fetch: createAuthenticatedFetch({ configFile, apiUrl, fetch: context.fetch }) });
      context.stdout(`Signed in as ${user.email} (${user.provider})\n`);
    });
}

function parseTimeoutSeconds(text: string): number {
  const seconds = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
    throw new CliError(`invalid --timeout "${text}": expected whole seconds from 1 to ${MAX_TIMEOUT_SECONDS}`);
  }
  return seconds;
}
