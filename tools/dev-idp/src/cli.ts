import { decideCliAction, cliUsage } from "./cli-arguments";

/**
 * Foreground runner for local mode (`npm start` starts it) and for trying sign-in by hand. The
 * first stdout line is `issuer <url>` so a supervisor can read where it listens.
 */
const decision = decideCliAction(process.argv.slice(2), process.env.HKS_ENV);
if (decision.kind === "refuse") {
  console.error(decision.message);
  process.exit(2);
}
if (decision.kind === "help") {
  console.log(cliUsage);
  process.exit(0);
}

// Imported only once we know we will run, so a refusal prints nothing but its reason.
const { startDevOidcProvider } = await import("./oidc/dev-oidc-provider");
const provider = await startDevOidcProvider(decision.options);
const client = decision.options.clients[0];
console.log(`issuer ${provider.issuer}`);
console.log(`  discovery   ${provider.issuer}/.well-known/openid-configuration`);
console.log(`  client      ${client?.clientId} (${client?.clientSecret === undefined ? "public, PKCE only" : "confidential, secret in the body or HTTP Basic"})`);
for (const uri of client?.redirectUris ?? []) console.log(`  redirect    ${uri}`);
console.log("  test users (no passwords; pick one on the sign-in page):");
for (const user of provider.users) {
  console.log(`    ${user.email.padEnd(22)} ${user.name}${user.emailVerified ? "" : " (e-mail NOT verified)"}`);
}
console.log("  development and tests only. Ctrl-C stops it.");

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  provider.stop().then(
    () => {
      console.log(`dev-idp: stopped (${signal})`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error("dev-idp: failed to stop cleanly", error);
      process.exit(1);
    },
  );
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
