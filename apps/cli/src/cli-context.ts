import type { CliEnvironment } from "./cli-environment";

/** What commands receive instead of reaching for globals, so they run in-process in tests. */
export interface CliContext {
  environment: CliEnvironment;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  fetch: typeof globalThis.fetch;
  /**
   * Lets a command that waits on the user (`hks login`) handle Ctrl-C itself while it waits, to
   * clean up and say what happened; returns the function that restores the default. Absent when
   * embedded, where there is no terminal to interrupt.
   */
  onInterrupt?: (handler: () => void) => () => void;
  /** Opens a URL in the user's browser, best effort; absent means "print it only". */
  openUrl?: (url: string) => void;
}
