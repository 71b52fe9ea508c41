import { homedir } from "node:os";
import { readCliEnvironment } from "./cli-environment";
import { runCli } from "./cli-program";

// The process boundary: the only file that touches process.env, argv, stdio and the exit code.
// Setting exitCode (not calling exit) lets piped stdout drain before the process ends.
process.exitCode = await runCli(process.argv.slice(2), {
  environment: readCliEnvironment(process.env, homedir()),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  fetch: globalThis.fetch,
});
