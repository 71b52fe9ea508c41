import { describe, expect, it } from "vitest";
import { addResources, headroomOf, noResources, resourcesBeyond, resourcesOf, withChanges } from "./resource-amounts";
import { ensureCovers, ensureWithin } from "./resource-limits";

const r = (cpuMillicores: number, memoryMib: number, storageGib: number) => ({ cpuMillicores, memoryMib, storageGib });

describe("resource arithmetic", () => {
  it("picks the three amounts out of a wider row", () => {
    expect(resourcesOf({ ...r(1, 2, 3), name: "x" } as ReturnType<typeof r>)).toEqual(r(1, 2, 3));
  });

  it("keeps the amounts a request left out", () => {
    expect(withChanges(r(1000, 2048, 10), { memoryMib: 512 })).toEqual(r(1000, 512, 10));
    expect(withChanges(r(1000, 2048, 10), undefined)).toEqual(r(1000, 2048, 10));
    expect(withChanges(noResources, { cpuMillicores: 0 })).toEqual(noResources);
  });

  it("reports allocated and free headroom", () => {
    expect(headroomOf(r(1000, 1024, 10), addResources(r(300, 0, 1), r(200, 24, 0)))).toEqual({ allocated: r(500, 24, 1), free: r(500, 1000, 9) });
  });

  it("names exactly the resources that do not fit", () => {
    expect(resourcesBeyond(r(100, 200, 3), r(100, 199, 4))).toEqual(["memoryMib"]);
  });
});

describe("resource limits", () => {
  it("allows an exact fit and refuses one unit more with QUOTA_EXCEEDED and the numbers", () => {
    const refusal = { code: "QUOTA_EXCEEDED" as const, message: "too much", field: "body.quota", availableLabel: "free" };
    expect(() => ensureWithin(r(100, 0, 0), r(100, 0, 0), refusal)).not.toThrow();
    expect(() => ensureWithin(r(101, 0, 0), r(100, 0, 0), refusal)).toThrow(expect.objectContaining({ code: "QUOTA_EXCEEDED", details: [{ field: "body.quota.cpuMillicores", message: "101 wanted, free 100" }] }));
  });

  it("refuses to shrink below what was handed on", () => {
    const what = { message: "children hold more", field: "body.quota" };
    expect(() => ensureCovers(r(100, 100, 100), r(100, 0, 0), what)).not.toThrow();
    expect(() => ensureCovers(r(99, 100, 100), r(100, 0, 0), what)).toThrow(expect.objectContaining({ code: "QUOTA_EXCEEDED" }));
  });
});
