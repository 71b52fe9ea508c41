import { readFileSync } from "node:fs";

/**
 * The CA certificate named by HKS_API_CA_FILE, embedded in kubeconfigs so kubectl trusts an API
 * served with a private CA. Read once at start-up; a missing or non-PEM file stops the start.
 */
export function readApiCaPem(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  let pem: string;
  try {
    pem = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`HKS_API_CA_FILE: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) throw new Error(`HKS_API_CA_FILE: ${path} holds no PEM certificate`);
  return pem;
}
