import { configFilePath, resolveConfigDir } from "./config/config-location";

/**
 * Everything the CLI takes from its environment, read in this one place so commands and tests
 * receive plain values. Empty variables count as unset (`HKS_API_URL= hks …` clears an override).
 */
export interface CliEnvironment {
  configFile: string;
  /** `HKS_API_URL`, validated only if it wins the precedence contest (see resolveApiUrl). */
  apiUrl: string | undefined;
  /** `HKS_DEBUG=1`: print stack traces for unexpected errors. */
  debug: boolean;
}

export function readCliEnvironment(env: NodeJS.ProcessEnv, homeDir: string): CliEnvironment {
  const value = (name: string): string | undefined => {
    const raw = env[name];
    return raw === undefined || raw.trim() === "" ? undefined : raw;
  };
  return {
    configFile: configFilePath(
      resolveConfigDir({ hksConfigDir: value("HKS_CONFIG_DIR"), xdgConfigHome: value("XDG_CONFIG_HOME"), homeDir }),
    ),
    apiUrl: value("HKS_API_URL"),
    debug: ["1", "true", "yes"].includes(value("HKS_DEBUG")?.toLowerCase() ?? ""),
  };
}
