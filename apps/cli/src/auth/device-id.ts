import { randomBytes } from "node:crypto";

/** What the platform accepts in `X-HKS-Device-Id` (anything else is ignored as if absent). */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export const DEVICE_ID_HEADER = "x-hks-device-id";

/**
 * A new device id: 24 random bytes as base64url (32 characters). The platform binds each session
 * and its tokens to it, so a token copied to another machine without it is useless there. It is
 * random rather than derived from the machine so it reveals nothing about the host.
 */
export function generateDeviceId(): string {
  return randomBytes(24).toString("base64url");
}
