import type { Command } from "commander";
import type { CliContext } from "../cli-context";
import { loadCliSettings, type CliSettings, type GlobalOptions } from "../cli-settings";
import { loadConfigFile, updateConfigFile } from "../config/config-file";
import { configKeyNames, configKeys, toConfigKey, type ConfigKey } from "../config/config-keys";
import type { ResolvedSetting } from "../config/resolve-api-url";

/** `hks config path|get|set|unset`: the settings file that later holds login tokens too. */
export function registerConfigCommand(program: Command, context: CliContext): void {
  const config = program
    .command("config")
    .description(`show or change CLI settings (keys: ${configKeyNames.join(", ")})`);

  config
    .command("path")
    .description("print the path of the config file (it may not exist yet)")
    .action(() => {
      context.stdout(`${context.environment.configFile}\n`);
    });

  config
    .command("get")
    .description("print the effective value of a key (or of all keys) after flags and environment")
    .argument("[key]", `one of: ${configKeyNames.join(", ")}`)
    .option("--json", "print machine-readable JSON, including where each value came from")
    .action(async (keyName: string | undefined, _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
      const keys = keyName === undefined ? configKeyNames : [toConfigKey(keyName)];
      const settings = await loadCliSettings(context, options);
      const values = keys.map((key) => ({ key, ...effectiveSetting(key, settings) }));

      if (options.json) {
        const json = keyName === undefined ? Object.fromEntries(values.map(({ key, ...rest }) => [key, rest])) : values[0];
        context.stdout(`${JSON.stringify(json, null, 2)}\n`);
      } else if (keyName !== undefined) {
        context.stdout(`${values[0]?.value}\n`);
      } else {
        for (const { key, value, source } of values) context.stdout(`${key} = ${value} (${source})\n`);
      }
    });

  config
    .command("set")
    .description("save a value in the config file")
    .argument("<key>", `one of: ${configKeyNames.join(", ")}`)
    .argument("<value>")
    .action(async (keyName: string, rawValue: string, _options: unknown, command: Command) => {
      const key = toConfigKey(keyName);
      const { field, parse } = configKeys[key];
      const value = parse(rawValue);
      const path = context.environment.configFile;
      await updateConfigFile(path, (current) => ({ ...current, [field]: value }));
      context.stdout(`${key} set to ${value} in ${path}\n`);
      warnIfOverridden(key, context, command.optsWithGlobals<GlobalOptions>());
    });

  config
    .command("unset")
    .description("remove a value from the config file, so the default applies again")
    .argument("<key>", `one of: ${configKeyNames.join(", ")}`)
    .action(async (keyName: string) => {
      const key = toConfigKey(keyName);
      const { field } = configKeys[key];
      const path = context.environment.configFile;
      if ((await loadConfigFile(path))[field] === undefined) {
        context.stdout(`${key} is not set in ${path}\n`);
        return;
      }
      await updateConfigFile(path, (current) => {
        const next = { ...current };
        delete next[field];
        return next;
      });
      context.stdout(`${key} removed from ${path}\n`);
    });
}

function effectiveSetting(key: ConfigKey, settings: CliSettings): ResolvedSetting {
  switch (key) {
    case "api-url":
      return settings.apiUrl;
  }
}

/** A saved value that a flag or variable shadows looks like it "did nothing": say why. */
function warnIfOverridden(key: ConfigKey, context: CliContext, options: GlobalOptions): void {
  if (key !== "api-url") return;
  if (options.apiUrl) context.stderr("note: --api-url overrides the config file for this invocation\n");
  else if (context.environment.apiUrl) context.stderr("note: HKS_API_URL is set and overrides the config file\n");
}
