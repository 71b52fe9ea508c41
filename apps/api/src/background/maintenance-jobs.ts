import { deleteExpiredAuditEvents } from "@hks/audit";
import type { Database } from "@hks/db";
import type { SigningKeyStore } from "../auth/keys/signing-key-store";
import type { ScheduledJob } from "./scheduled-job";

const HOUR_MS = 3_600_000;

/** Rotates the token signing key when it is older than the rotation period (checked hourly). */
export function signingKeyRotationJob(keys: SigningKeyStore): ScheduledJob {
  return {
    name: "signing-key-rotation",
    everyMs: HOUR_MS,
    async run() {
      const { rotated } = await keys.ensureCurrent();
      await keys.purgeExpired(new Date(Date.now() - 7 * 24 * HOUR_MS));
      return { rotated };
    },
  };
}

/** Deletes audit events past their retention (§8.3: 90 days for security events, 30 otherwise). */
export function auditRetentionJob(db: Database): ScheduledJob {
  return {
    name: "audit-retention",
    everyMs: HOUR_MS,
    async run() {
      return { deleted: await deleteExpiredAuditEvents(db, new Date()) };
    },
  };
}
