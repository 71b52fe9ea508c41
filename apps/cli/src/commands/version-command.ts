import { PLATFORM_VERSION } from "@hks/contracts";
import type { Command } from "commander";
import type { CliContext } from "../cli-context";
import { loadCliSettings, type GlobalOptions } from "../cli-settings";
import { probeServerVersion, type ServerVersionReport } from "../server-version";

const SERVER_TIMEOUT_MS = 5_000;

/**
 * `hks version`: the CLI's version, which is always known, and the API server's, which may not be.
 * An unreachable or failing server is reported in the output, not as a failure (exit 0), so the
 * command stays useful for diagnosing exactly that; scripts read `server.status` from `--json`.
 */
export function registerVersionCommand(program: Command, context: CliContext): void {
  program
    .command("version")
    .description("print the CLI version and the version of the platform API it is configured for")
    .option("--json", "print machine-readable JSON")
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
      const { apiUrl } = await loadCliSettings(context, options);
      const server = await probeServerVersion({ apiUrl: apiUrl.value, fetch: context.fetch, timeoutMs: SERVER_TIMEOUT_MS });

      if (options.json) {
        context.stdout(`${JSON.stringify({ client: { version: PLATFORM_VERSION }, server }, null, 2)}\n`);
        return;
      }
      context.stdout(`Client version: ${PLATFORM_VERSION}\nServer version: ${describeServer(server)}\n`);
    });
}

function describeServer(server: ServerVersionReport): string {
  switch (server.status) {
    case "ok":
      return `${server.version} (API ${server.apiVersion} at ${server.url})`;
    case "unreachable":
      return `unknown; the API at ${server.url} is unreachable: ${server.reason}`;
    case "error": {
      const requestId = server.requestId ? `, request id ${server.requestId}` : "";
      return `unknown; the API at ${server.url} answered ${server.code}: ${server.message}${requestId}`;
    }
    case "incompatible":
      return `unknown; ${server.url} answered, but ${server.reason}`;
  }
}
