import { AppError } from "@hks/contracts";
import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { CliError } from "./cli-error";
import { reportError } from "./report-error";

describe("reportError", () => {
  it("prints a user error as one line, without a stack", () => {
    expect(reportError(new CliError("bad thing"), { debug: false })).toEqual({ text: "error: bad thing\n", exitCode: 1 });
  });

  it("adds the stack under HKS_DEBUG", () => {
    const { text } = reportError(new CliError("bad thing"), { debug: true });
    expect(text).toMatch(/^error: bad thing\nCliError: bad thing\n\s+at /);
  });

  it("prints an API error's code, message, request id and field details", () => {
    const error = AppError.fromEnvelope({
      error: {
        code: "VALIDATION_FAILED",
        message: "Request body is invalid",
        requestId: "req_123",
        details: [{ field: "name", message: "Too long" }, { message: "Something else" }],
      },
    });
    expect(reportError(error, { debug: false })).toEqual({
      text: "error: VALIDATION_FAILED: Request body is invalid (request id: req_123)\n  - name: Too long\n  - Something else\n",
      exitCode: 1,
    });
  });

  it("omits the request id when the server sent no envelope", () => {
    const { text } = reportError(new AppError("SERVICE_UNAVAILABLE", "no envelope"), { debug: false });
    expect(text).toBe("error: SERVICE_UNAVAILABLE: no envelope\n");
  });

  it("leaves commander's own messages alone but keeps its exit code", () => {
    expect(reportError(new CommanderError(1, "commander.unknownCommand", "x"), { debug: false })).toEqual({ text: "", exitCode: 1 });
    expect(reportError(new CommanderError(0, "commander.helpDisplayed", "x"), { debug: false })).toEqual({ text: "", exitCode: 0 });
  });

  it("explains network failures", () => {
    const error = new TypeError("fetch failed", { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) });
    expect(reportError(error, { debug: false }).text).toBe("error: cannot reach the platform API: connection refused (ECONNREFUSED)\n");
  });

  it("marks anything else as unexpected and hints at HKS_DEBUG instead of dumping the stack", () => {
    const { text, exitCode } = reportError(new RangeError("oops"), { debug: false });
    expect(exitCode).toBe(1);
    expect(text).toBe("error: unexpected failure: oops\n(set HKS_DEBUG=1 to see the stack trace)\n");
    expect(reportError(new RangeError("oops"), { debug: true }).text).toContain("RangeError: oops\n    at ");
  });
});
