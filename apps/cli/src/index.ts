// For tools that embed the CLI or read its config (the web app does not; it has cookies).
export { createCliProgram, runCli } from "./cli-program";
export type { CliContext } from "./cli-context";
export { readCliEnvironment, type CliEnvironment } from "./cli-environment";
export { cliConfigSchema, type CliConfig, type StoredCredential } from "./config/config-schema";
export { loadConfigFile, saveConfigFile, updateConfigFile } from "./config/config-file";
export { resolveApiUrl, type ResolvedSetting, type SettingSource } from "./config/resolve-api-url";
export { DEFAULT_API_URL, parseApiUrl } from "./config/api-url";
export { getValidAccessToken, type AccessTokenSource } from "./auth/access-token";
export { createAuthenticatedFetch } from "./auth/authenticated-fetch";
export { NotSignedInError } from "./auth/not-signed-in-error";
