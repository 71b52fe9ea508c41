import { AppError } from "@hks/contracts";
import { loadConfigFile, saveConfigFile, withConfigFileLock } from "../config/config-file";
import { forgetKubeTokens } from "../kube/kube-token-cache";
import { describeNetworkFailure } from "../network-failure";
import { revokeSession } from "./auth-endpoints";
import { signInFrom, withoutCredential } from "./session-store";
import { accessTokenRemainingMs } from "./token-pair-credential";

export type SignOutResult =
  | { outcome: "not-signed-in" }
  | { outcome: "revoked" }
  /** The platform no longer knew the session (timed out, revoked elsewhere). */
  | { outcome: "already-ended" }
  /** Deleted locally only: the platform could not be told, so the session lives on there. */
  | { outcome: "local-only"; reason: string; sessionEndsBy: string };

/**
 * Revokes the session on the platform, then deletes the local tokens — the latter even when the
 * platform cannot be reached, since keeping tokens the user asked to drop is worse. Runs under
 * the config file's lock so that no refresh in another process swaps the tokens meanwhile.
 */
export async function signOut(source: { configFile: string; apiUrl: string; fetch: typeof globalThis.fetch }): Promise<SignOutResult> {
  const { configFile, apiUrl } = source;
  return withConfigFileLock(configFile, async () => {
    const config = await loadConfigFile(configFile);
    const signIn = signInFrom(config, apiUrl);
    // Tokens stored without a device id are unusable; they are dropped all the same, and so are
    // the cached kube tokens, which belong to the session that ends here.
    const forget = async () => {
      await saveConfigFile(configFile, withoutCredential(config, apiUrl));
      await forgetKubeTokens(configFile, apiUrl);
    };
    if (!signIn) {
      await forget();
      return { outcome: "not-signed-in" };
    }

    const { credential } = signIn;
    const failure = await revokeSession(
      { apiUrl, deviceId: signIn.deviceId, fetch: source.fetch },
      {
        refreshToken: credential.refreshToken,
        accessToken: accessTokenRemainingMs(credential, Date.now()) > 0 ? credential.accessToken : undefined,
      },
    ).then(
      () => undefined,
      (error: unknown) => error,
    );
    await forget();

    if (failure === undefined) return { outcome: "revoked" };
    if (failure instanceof AppError && failure.code === "UNAUTHENTICATED") return { outcome: "already-ended" };
    return { outcome: "local-only", reason: describeFailure(failure), sessionEndsBy: credential.refreshExpiresAt };
  });
}

function describeFailure(error: unknown): string {
  const network = describeNetworkFailure(error);
  if (network) return `the API is unreachable: ${network}`;
  if (error instanceof AppError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
