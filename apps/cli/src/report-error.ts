import { AppError } from "@hks/contracts";
import { CommanderError } from "commander";
import { CliError } from "./cli-error";
import { describeNetworkFailure } from "./network-failure";

export interface ErrorReport {
  /** What to print on stderr; empty when commander has already printed its own message. */
  text: string;
  exitCode: number;
}

/**
 * Turns anything that escaped a command into stderr text and an exit code. User-facing errors get
 * one `error: …` line; an AppError from the API also names its code and request id (what support
 * needs to find the server log); stacks appear only for unexpected errors and only with HKS_DEBUG.
 */
export function reportError(error: unknown, options: { debug: boolean }): ErrorReport {
  if (error instanceof CommanderError) {
    // Commander already wrote its message (or the help text) to stderr/stdout.
    return { text: "", exitCode: error.exitCode };
  }
  if (error instanceof CliError) {
    return { text: withStack(`error: ${error.message}\n`, error, options.debug), exitCode: error.exitCode };
  }
  if (error instanceof AppError) {
    const requestId = "requestId" in error && typeof error.requestId === "string" ? error.requestId : undefined;
    const lines = [`error: ${error.code}: ${error.message}${requestId ? ` (request id: ${requestId})` : ""}`];
    for (const detail of error.details ?? []) {
      lines.push(`  - ${detail.field ? `${detail.field}: ` : ""}${detail.message}`);
    }
    return { text: withStack(`${lines.join("\n")}\n`, error, options.debug), exitCode: 1 };
  }
  const networkFailure = describeNetworkFailure(error);
  if (networkFailure) {
    return {
      text: withStack(`error: cannot reach the platform API: ${networkFailure}\n`, error, options.debug),
      exitCode: 1,
    };
  }

  const message = error instanceof Error ? error.message : String(error);
  const hint = options.debug ? "" : "(set HKS_DEBUG=1 to see the stack trace)\n";
  return { text: withStack(`error: unexpected failure: ${message}\n${hint}`, error, options.debug), exitCode: 1 };
}

function withStack(text: string, error: unknown, debug: boolean): string {
  if (!debug || !(error instanceof Error) || !error.stack) return text;
  return `${text}${error.stack}\n`;
}
