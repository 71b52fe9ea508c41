import { createTestDatabase, type TestDatabase } from "@hks/db/testing";
import { schema } from "@hks/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditWriter, deleteExpiredAuditEvents, retentionClassOf } from "../src";

const origin = { ipAddress: "127.0.0.1", userAgent: "vitest", requestId: "req_test" };

describe("audit events", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.destroy());

  it("classifies retention: violations as security, failures and operations apart", () => {
    expect(retentionClassOf({ type: "security.csrf_rejected", success: false })).toBe("security");
    expect(retentionClassOf({ type: "auth.login.failed", success: false })).toBe("failure");
    expect(retentionClassOf({ type: "auth.login.succeeded", success: true })).toBe("operation");
  });

  it("commits with the surrounding transaction and rolls back with it", async () => {
    const writer = createAuditWriter();
    await database.db.transaction(async (tx) => {
      await writer.record(tx, origin, { type: "auth.logout", success: true, actorUserId: "usr_kept" });
    });
    await expect(
      database.db.transaction(async (tx) => {
        await writer.record(tx, origin, { type: "auth.logout", success: true, actorUserId: "usr_rolled_back" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const rows = await database.db.select().from(schema.auditEvents);
    expect(rows.map((row) => row.actorUserId)).toEqual(["usr_kept"]);
    expect(rows[0]).toMatchObject({ type: "auth.logout", retentionClass: "operation", ipAddress: "127.0.0.1", requestId: "req_test" });
  });

  it("keeps security events 90 days and others 30, then deletes them", async () => {
    const writtenAt = new Date("2026-01-01T00:00:00Z");
    const writer = createAuditWriter(undefined, () => writtenAt);
    await database.db.delete(schema.auditEvents);
    await writer.record(database.db, origin, { type: "security.rate_limited", success: false });
    await writer.record(database.db, origin, { type: "auth.login.failed", success: false });
    await writer.record(database.db, origin, { type: "auth.login.succeeded", success: true });

    const day = (n: number) => new Date(writtenAt.getTime() + n * 86_400_000);
    expect(await deleteExpiredAuditEvents(database.db, day(29))).toBe(0);
    expect(await deleteExpiredAuditEvents(database.db, day(31))).toBe(2);
    const left = await database.db.select().from(schema.auditEvents);
    expect(left.map((row) => row.type)).toEqual(["security.rate_limited"]);
    expect(await deleteExpiredAuditEvents(database.db, day(89))).toBe(0);
    expect(await deleteExpiredAuditEvents(database.db, day(91))).toBe(1);
  });

  it("deletes a backlog larger than one batch", async () => {
    const writer = createAuditWriter(undefined, () => new Date("2025-01-01T00:00:00Z"));
    for (let i = 0; i < 25; i++) await writer.record(database.db, origin, { type: "auth.logout", success: true });
    expect(await deleteExpiredAuditEvents(database.db, new Date("2026-01-01T00:00:00Z"), 10)).toBe(25);
  });
});
