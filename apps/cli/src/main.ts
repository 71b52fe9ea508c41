import { homedir } from "node:os";
import { openInBrowser } from "./auth/open-browser";
import { readCliEnvironment } from "./cli-environment";
import { runCli } from "./cli-program";

// The process boundary: the only file that touches process.env, argv, signals, stdio and the exit
// code. Setting exitCode (not calling exit) lets piped stdout drain before the process ends.
process.exitCode = await runCli(process.argv.slice(2), {
  environment: readCliEnvironment(process.env, homedir()),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  fetch: globalThis.fetch,
  onInterrupt: (handler) => {
    // While a listener is installed, Node does not exit on SIGINT; removing it restores that.
    process.on("SIGINT", handler);
    return () => void process.off("SIGINT", handler);
  },
  openUrl: openInBrowser,
});
