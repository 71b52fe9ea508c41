import { parseArgs } from "node:util";
import type { DevOidcProviderOptions } from "./oidc/dev-oidc-provider";

export const cliUsage = `Usage: node --import tsx tools/dev-idp/src/cli.ts [options]

Starts the development OIDC provider on 127.0.0.1 in the foreground (Ctrl-C stops it).
Local mode and tests only: it signs in anyone who presses a button.

  --port <n>             port to listen on (default 5556; 0 picks a free one)
  --client-id <id>       OAuth client id (default hks-local)
  --client-secret <s>    client secret; omit for a public client (PKCE only)
  --redirect-uri <url>   allowed redirect URI, exact match; repeatable (required)
  --unverified-user      also offer mallory@example.com, whose e-mail is not verified
  --help                 show this text`;

export type CliDecision =
  | { kind: "run"; options: DevOidcProviderOptions }
  | { kind: "help" }
  | { kind: "refuse"; message: string };

/**
 * Turns argv and HKS_ENV into what to do. Refusing production lives here, before anything listens:
 * a provider that signs in anyone must never start next to a production platform.
 */
export function decideCliAction(argv: readonly string[], hksEnv: string | undefined): CliDecision {
  if (hksEnv === "production") {
    return {
      kind: "refuse",
      message: "dev-idp: refusing to start because HKS_ENV=production. The development identity provider signs in anyone and is for local mode and tests only.",
    };
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: "string", default: "5556" },
        "client-id": { type: "string", default: "hks-local" },
        "client-secret": { type: "string" },
        "redirect-uri": { type: "string", multiple: true },
        "unverified-user": { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { kind: "refuse", message: `dev-idp: ${(error as Error).message}\n\n${cliUsage}` };
  }
  if (values.help) return { kind: "help" };

  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    return { kind: "refuse", message: `dev-idp: --port must be an integer from 0 to 65535, got "${values.port}"` };
  }
  const redirectUris = values["redirect-uri"] ?? [];
  if (redirectUris.length === 0) {
    return { kind: "refuse", message: `dev-idp: at least one --redirect-uri is required\n\n${cliUsage}` };
  }
  for (const uri of redirectUris) {
    if (!URL.canParse(uri)) return { kind: "refuse", message: `dev-idp: --redirect-uri "${uri}" is not a URL` };
  }
  return {
    kind: "run",
    options: {
      port,
      clients: [{ clientId: values["client-id"], clientSecret: values["client-secret"], redirectUris }],
      includeUnverifiedUser: values["unverified-user"],
    },
  };
}
