import { CliError } from "../cli-error";
import { parseApiUrl } from "./api-url";
import type { CliConfig } from "./config-schema";

/**
 * The keys `hks config get/set/unset` work with: dashed on the command line, camelCase in the
 * file. Credentials are deliberately absent: they are written by `hks login`, never printed.
 */
export const configKeys = {
  "api-url": {
    field: "apiUrl",
    description: "URL of the platform API",
    parse: (value: string): string => {
      const parsed = parseApiUrl(value);
      if (!parsed.ok) throw new CliError(`invalid api-url: ${parsed.reason}`);
      return parsed.url;
    },
  },
} as const satisfies Record<string, { field: keyof CliConfig; description: string; parse: (value: string) => unknown }>;

export type ConfigKey = keyof typeof configKeys;

export const configKeyNames = Object.keys(configKeys) as ConfigKey[];

export function toConfigKey(name: string): ConfigKey {
  if (Object.hasOwn(configKeys, name)) return name as ConfigKey;
  throw new CliError(`unknown config key "${name}" (known keys: ${configKeyNames.join(", ")})`);
}
