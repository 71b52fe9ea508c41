import type { AuditOrigin } from "@hks/audit";

/** Where a request comes from, as the identity code needs it: audit origin plus the device id. */
export interface RequestOrigin extends AuditOrigin {
  ipAddress: string;
  userAgent: string;
  deviceId: string | undefined;
}
