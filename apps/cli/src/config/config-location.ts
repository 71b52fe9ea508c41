import { isAbsolute, join, resolve } from "node:path";

export const CONFIG_FILE_NAME = "config.json";

export interface ConfigLocationInputs {
  /** `HKS_CONFIG_DIR`: the directory holding `config.json` (relative paths resolve against the cwd). */
  hksConfigDir?: string | undefined;
  /** `XDG_CONFIG_HOME`; ignored unless absolute, as the XDG base directory spec requires. */
  xdgConfigHome?: string | undefined;
  homeDir: string;
}

export function resolveConfigDir(inputs: ConfigLocationInputs): string {
  if (inputs.hksConfigDir) return resolve(inputs.hksConfigDir);
  const base =
    inputs.xdgConfigHome && isAbsolute(inputs.xdgConfigHome) ? inputs.xdgConfigHome : join(inputs.homeDir, ".config");
  return join(base, "hks");
}

export function configFilePath(configDir: string): string {
  return join(configDir, CONFIG_FILE_NAME);
}
