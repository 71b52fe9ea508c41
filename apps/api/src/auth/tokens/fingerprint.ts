import { createHash } from "node:crypto";

export type FingerprintMode = "device+ip" | "device" | "off";

/**
 * The token's `fp` claim (§4.3): a hash of the device id, plus the client address in the
 * specification's default strictness. A token presented from another device (or address) no
 * longer matches, which is how a stolen token is told from its owner. The raw device id never
 * appears in the token.
 */
export function fingerprintOf(mode: FingerprintMode, deviceId: string, ip: string): string {
  if (mode === "off") return "off";
  const material = mode === "device+ip" ? `${deviceId}|${ip}` : deviceId;
  return createHash("sha256").update(material).digest("base64url").slice(0, 32);
}
