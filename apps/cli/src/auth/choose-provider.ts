import { CliError } from "../cli-error";
import type { AuthProvider } from "./auth-endpoints";

/**
 * The provider `hks login` uses: the one asked for, or the only one offered. With several and no
 * `--provider`, it lists them and asks for the flag (a prompt would hang scripts).
 */
export function chooseProvider(providers: readonly AuthProvider[], requested: string | undefined, apiUrl: string): AuthProvider {
  if (providers.length === 0) {
    throw new CliError(`the platform at ${apiUrl} offers no sign-in providers; ask its operator to configure one`);
  }
  if (requested !== undefined) {
    const match = providers.find((provider) => provider.id === requested);
    if (match) return match;
    throw new CliError(`the platform at ${apiUrl} has no sign-in provider "${requested}"; use one of:\n${listing(providers)}`);
  }
  const [only, ...others] = providers;
  if (only && others.length === 0) return only;
  throw new CliError(`the platform at ${apiUrl} offers several sign-in providers; choose one with --provider <id>:\n${listing(providers)}`);
}

function listing(providers: readonly AuthProvider[]): string {
  const width = Math.max(...providers.map((provider) => provider.id.length));
  return providers.map((provider) => `  ${provider.id.padEnd(width)}  ${provider.name}`).join("\n");
}
