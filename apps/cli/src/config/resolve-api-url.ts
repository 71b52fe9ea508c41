import { CliError } from "../cli-error";
import { DEFAULT_API_URL, parseApiUrl } from "./api-url";

export type SettingSource = "flag" | "env" | "config" | "default";

export interface ResolvedSetting {
  value: string;
  source: SettingSource;
}

export interface ApiUrlCandidates {
  /** `--api-url` */
  flag?: string | undefined;
  /** `HKS_API_URL` */
  env?: string | undefined;
  /** `apiUrl` from the config file, already validated when the file was loaded */
  config?: string | undefined;
}

const sourceNames: Record<Exclude<SettingSource, "default">, string> = {
  flag: "--api-url",
  env: "HKS_API_URL",
  config: "the config file's apiUrl",
};

/**
 * Precedence: `--api-url` > `HKS_API_URL` > config file > default. Only the winning value is
 * validated, so a stale variable that is overridden does not block the command; a bad winner is
 * an error naming where it came from rather than a silent fall-through to the next source.
 */
export function resolveApiUrl(candidates: ApiUrlCandidates): ResolvedSetting {
  for (const source of ["flag", "env", "config"] as const) {
    const raw = candidates[source];
    if (raw === undefined || raw.trim() === "") continue;
    const parsed = parseApiUrl(raw);
    if (!parsed.ok) throw new CliError(`invalid API URL from ${sourceNames[source]}: ${parsed.reason}`);
    return { value: parsed.url, source };
  }
  return { value: DEFAULT_API_URL, source: "default" };
}
