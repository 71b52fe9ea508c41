import type { CliContext } from "./cli-context";
import { loadConfigFile } from "./config/config-file";
import type { CliConfig } from "./config/config-schema";
import { resolveApiUrl, type ResolvedSetting } from "./config/resolve-api-url";

/** Options every command accepts because they are declared on the root `hks` command. */
export interface GlobalOptions {
  apiUrl?: string;
}

export interface CliSettings {
  config: CliConfig;
  apiUrl: ResolvedSetting;
}

/** The effective settings of one invocation: flags over environment over config file over defaults. */
export async function loadCliSettings(context: CliContext, options: GlobalOptions): Promise<CliSettings> {
  const config = await loadConfigFile(context.environment.configFile);
  const apiUrl = resolveApiUrl({ flag: options.apiUrl, env: context.environment.apiUrl, config: config.apiUrl });
  return { config, apiUrl };
}
