/**
 * Plain-http provider URLs are refused, except on loopback outside production: that is the local
 * development identity provider and the test providers, which never leave the machine.
 */
export function allowsInsecureLoopback(url: string, env: "development" | "test" | "production"): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === "https:") return false;
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname);
  if (!loopback || env === "production") {
    throw new Error(`identity provider URL ${parsed.origin} must use https`);
  }
  return true;
}
