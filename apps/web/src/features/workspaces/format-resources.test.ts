import { describe, expect, it } from "vitest";
import { formatCpu, formatMemory, formatResources, formatStorage } from "./format-resources";
import { parseQuantity, quotaUsageRows } from "./kubernetes-quantity";

describe("formatResources", () => {
  it("writes cores and binary units", () => {
    expect(formatCpu(4000)).toBe("4 CPU");
    expect(formatCpu(250)).toBe("0.25 CPU");
    expect(formatMemory(8192)).toBe("8 GiB");
    expect(formatMemory(1536)).toBe("1.5 GiB");
    expect(formatMemory(512)).toBe("512 MiB");
    expect(formatStorage(50)).toBe("50 GiB");
    expect(formatResources({ cpuMillicores: 4000, memoryMib: 8192, storageGib: 50 })).toBe("4 CPU · 8 GiB memory · 50 GiB storage");
  });
});

describe("parseQuantity", () => {
  it.each([
    ["4", 4],
    ["500m", 0.5],
    ["8Gi", 8 * 2 ** 30],
    ["128Mi", 128 * 2 ** 20],
    ["1.5", 1.5],
    ["2k", 2000],
    ["1e3", 1000],
    [".5", 0.5],
  ])("reads %s", (quantity, expected) => {
    expect(parseQuantity(quantity)).toBeCloseTo(expected);
  });

  it("refuses what is not a quantity", () => {
    expect(parseQuantity("")).toBeNull();
    expect(parseQuantity("lots")).toBeNull();
    expect(parseQuantity("5Xi")).toBeNull();
  });
});

describe("quotaUsageRows", () => {
  it("lists CPU, memory and storage first, with used against hard in words", () => {
    const rows = quotaUsageRows(
      { pods: "10", "requests.storage": "50Gi", "limits.cpu": "8", "requests.cpu": "4", "requests.memory": "8Gi" },
      { "requests.cpu": "1500m", "requests.memory": "2Gi", pods: "3" },
    );
    expect(rows.map((row) => [row.label, row.usedText, row.hardText])).toEqual([
      ["CPU requested", "1.5 CPU", "4 CPU"],
      ["CPU limits", "0 CPU", "8 CPU"],
      ["Memory requested", "2 GiB", "8 GiB"],
      ["Storage requested", "0 B", "50 GiB"],
      ["Pods", "3", "10"],
    ]);
    expect(rows[0]?.ratio).toBeCloseTo(0.375);
  });

  it("leaves out what it cannot read and never divides by zero", () => {
    const rows = quotaUsageRows({ weird: "lots", "requests.cpu": "0" }, { "requests.cpu": "0" });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.ratio).toBe(0);
  });
});
