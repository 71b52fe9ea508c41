import { CliError } from "../cli-error";
import { loadConfigFile, updateConfigFile } from "../config/config-file";
import type { CliConfig, StoredCredential } from "../config/config-schema";
import { generateDeviceId } from "./device-id";

/** Everything needed to call the platform as the signed-in user. */
export interface SignIn {
  apiUrl: string;
  /** Sent as X-HKS-Device-Id on every request: the session is bound to it. */
  deviceId: string;
  credential: StoredCredential;
}

/**
 * Credentials live in the config file's `credentials` section, keyed by normalized API URL, next
 * to the file's one device id. Every write is atomic, 0600 and under the file lock (here through
 * updateConfigFile; refresh and sign-out hold the lock themselves). Nothing here prints a token.
 */
export async function readSignIn(configFile: string, apiUrl: string): Promise<SignIn | undefined> {
  return signInFrom(await loadConfigFile(configFile), apiUrl);
}

/** The stored sign-in for `apiUrl` in an already-loaded config, if it is usable. */
export function signInFrom(config: CliConfig, apiUrl: string): SignIn | undefined {
  const credential = config.credentials?.[apiUrl];
  // Tokens without the device id they are bound to cannot be used (and must not be tried: the
  // platform revokes a session whose token arrives with the wrong device id).
  if (!credential || !config.deviceId) return undefined;
  return { apiUrl, deviceId: config.deviceId, credential };
}

/** The config file's device id, created (once, under the lock) if it has none yet. */
export async function ensureDeviceId(configFile: string): Promise<string> {
  const existing = (await loadConfigFile(configFile)).deviceId;
  if (existing) return existing;
  const saved = await updateConfigFile(configFile, (config) => (config.deviceId ? config : { ...config, deviceId: generateDeviceId() }));
  if (!saved.deviceId) throw new Error("device id was not saved");
  return saved.deviceId;
}

/**
 * Stores tokens just obtained for `deviceId`. Refuses if the file's device id changed in the
 * meantime, since the tokens would be unusable with the new one.
 */
export async function saveCredential(
  configFile: string,
  apiUrl: string,
  deviceId: string,
  credential: StoredCredential,
): Promise<void> {
  await updateConfigFile(configFile, (config) => {
    if (config.deviceId !== deviceId) {
      throw new CliError(`the device id in ${configFile} changed during sign-in; run \`hks login\` again`);
    }
    return withCredential(config, apiUrl, credential);
  });
}

export function withCredential(config: CliConfig, apiUrl: string, credential: StoredCredential): CliConfig {
  return { ...config, credentials: { ...config.credentials, [apiUrl]: credential } };
}

export function withoutCredential(config: CliConfig, apiUrl: string): CliConfig {
  if (config.credentials?.[apiUrl] === undefined) return config;
  const { [apiUrl]: _removed, ...rest } = config.credentials;
  const next: CliConfig = { ...config, credentials: rest };
  // An empty section is noise in a file people read.
  if (Object.keys(rest).length === 0) delete next.credentials;
  return next;
}
