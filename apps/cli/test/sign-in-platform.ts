import { startDevOidcProvider, type DevOidcProvider } from "@hks/dev-idp";
import { freePort, startApiServer, type RunningApiServer } from "./api-server-process";

/** Two providers on the same issuer, so `hks login` has to be told which one to use. */
export const PROVIDERS = [
  { id: "dev", name: "Dev" },
  { id: "dev-backup", name: "Dev (backup)" },
] as const;

export interface SignInPlatform {
  api: RunningApiServer;
  idp: DevOidcProvider;
  /** The platform's OAuth callback for a provider: where the identity provider sends the browser. */
  callbackUrl(providerId: string): string;
  stop(): Promise<void>;
}

/**
 * The real API as a subprocess (embedded mode) whose sign-in providers are a real OpenID
 * Provider on loopback (`@hks/dev-idp`). The API's public URL is its own address, so the
 * provider's redirect reaches the API's /auth/callback directly. Rate limits are raised because
 * every test signs in from 127.0.0.1 and each sign-in makes three "login" requests.
 */
export async function startSignInPlatform(): Promise<SignInPlatform> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const callbackUrl = (providerId: string) => `${publicUrl}/auth/callback/${providerId}`;
  const client = { clientId: "hks-cli-test", clientSecret: "cli-test-secret" };
  const idp = await startDevOidcProvider({ clients: [{ ...client, redirectUris: PROVIDERS.map(({ id }) => callbackUrl(id)) }] });
  try {
    const api = await startApiServer({
      port,
      env: {
        HKS_ENV: "test",
        HKS_PUBLIC_URL: publicUrl,
        HKS_AUTH_OIDC_PROVIDERS: JSON.stringify(PROVIDERS.map((provider) => ({ ...provider, issuer: idp.issuer, ...client }))),
        HKS_RATE_LIMIT_LOGIN_PER_MINUTE: "10000",
        HKS_RATE_LIMIT_REFRESH_PER_MINUTE: "10000",
      },
    });
    return {
      api,
      idp,
      callbackUrl,
      stop: async () => {
        await api.stop();
        await idp.stop();
      },
    };
  } catch (error) {
    await idp.stop();
    throw error;
  }
}
