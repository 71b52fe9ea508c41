import { writeFile, chmod } from "node:fs/promises";
import { resolve } from "node:path";
import { kubeconfigCredentials, kubeTokenLifetime, type KubeconfigCredentialKind } from "@hks/contracts";
import { Option, type Command } from "commander";
import { MIN_ACCESS_TOKEN_VALIDITY_MS } from "../auth/access-token";
import { createAuthenticatedFetch } from "../auth/authenticated-fetch";
import type { CliContext } from "../cli-context";
import { CliError } from "../cli-error";
import { loadCliSettings, type GlobalOptions } from "../cli-settings";
import { execCredentialFor } from "../kube/exec-credential";
import { downloadKubeconfig, mintKubeToken } from "../kube/kube-endpoints";
import { checkedKubeTarget } from "../kube/kube-ids";
import { cachedOrFreshKubeToken } from "../kube/kube-token-cache";

interface TargetOptions {
  organization: string;
  workspace: string;
}

function parseTtl(value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < kubeTokenLifetime.minSeconds || seconds > kubeTokenLifetime.maxSeconds) {
    throw new CliError(`--ttl must be a whole number of seconds from ${kubeTokenLifetime.minSeconds} to ${kubeTokenLifetime.maxSeconds}`);
  }
  return seconds;
}

/**
 * `hks kube credential|config`: kubectl access to a workspace through the platform's Kubernetes
 * gateway. `credential` is the exec credential plugin kubectl runs (see the kubeconfig from
 * `config`); it prints only the ExecCredential on stdout, and problems on stderr, which kubectl
 * shows.
 */
export function registerKubeCommand(program: Command, context: CliContext): void {
  const kube = program.command("kube").description("kubectl access to workspaces through the platform");

  kube
    .command("credential")
    .description("print an ExecCredential with a short-lived workspace token (kubectl's exec credential plugin)")
    .requiredOption("--organization <id>", "organization id (org_…)")
    .requiredOption("--workspace <id>", "workspace id (ws_…)")
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & TargetOptions>();
      const target = checkedKubeTarget(options);
      const apiUrl = (await loadCliSettings(context, options)).apiUrl.value;
      const configFile = context.environment.configFile;
      const fetch = createAuthenticatedFetch({ configFile, apiUrl, fetch: context.fetch });
      const token = await cachedOrFreshKubeToken({
        configFile,
        apiUrl,
        ...target,
        minValidityMs: MIN_ACCESS_TOKEN_VALIDITY_MS,
        mint: () => mintKubeToken({ apiUrl, fetch }, target),
      });
      context.stdout(`${JSON.stringify(execCredentialFor(token.token, token.expiresAt))}\n`);
    });

  kube
    .command("config")
    .description("download a kubeconfig for a workspace (cluster: the platform's gateway; a context per project)")
    .requiredOption("--organization <id>", "organization id (org_…)")
    .requiredOption("--workspace <id>", "workspace id (ws_…)")
    .addOption(
      new Option("--credential <kind>", "exec: kubectl runs `hks kube credential`; token: embed a short-lived token (for machines without hks)")
        .choices([...kubeconfigCredentials])
        .default("exec"),
    )
    .option("--ttl <seconds>", "with --credential token: the token's lifetime (default 3600, at most 28800)", parseTtl)
    .option("-o, --output <file>", "write the kubeconfig to this file (mode 0600) instead of stdout")
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & TargetOptions & { credential: KubeconfigCredentialKind; ttl?: number; output?: string }>();
      const target = checkedKubeTarget(options);
      if (options.ttl !== undefined && options.credential !== "token") throw new CliError("--ttl applies to --credential token only");
      const apiUrl = (await loadCliSettings(context, options)).apiUrl.value;
      const fetch = createAuthenticatedFetch({ configFile: context.environment.configFile, apiUrl, fetch: context.fetch });
      const yaml = await downloadKubeconfig({ apiUrl, fetch }, target, { credential: options.credential, ttlSeconds: options.ttl });
      if (!options.output) {
        context.stdout(yaml);
        return;
      }
      const file = resolve(options.output);
      await writeFile(file, yaml, { mode: 0o600 });
      // An existing file keeps its mode on write; this one may hold a token.
      await chmod(file, 0o600);
      context.stdout(`Wrote the kubeconfig of workspace ${target.workspaceId} to ${file}\nUse it with: KUBECONFIG=${file} kubectl get namespaces\n`);
    });
}
