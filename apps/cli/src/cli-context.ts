import type { CliEnvironment } from "./cli-environment";

/** What commands receive instead of reaching for globals, so they run in-process in tests. */
export interface CliContext {
  environment: CliEnvironment;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  fetch: typeof globalThis.fetch;
}
