import { describe, expect, it } from "vitest";
import { parseQuotaInput } from "./quota-input";

describe("parseQuotaInput", () => {
  it("converts cores and GiB into the API's units, blank as 0", () => {
    expect(parseQuotaInput({ cpuCores: "0.5", memoryGib: "1.5", storageGib: "" })).toEqual({
      quota: { cpuMillicores: 500, memoryMib: 1536, storageGib: 0 },
      problems: {},
    });
  });

  it("names each field it cannot use", () => {
    expect(parseQuotaInput({ cpuCores: "-1", memoryGib: "lots", storageGib: "2.5" }).problems).toEqual({
      cpuCores: "CPU must be a number of 0 or more.",
      memoryGib: "Memory must be a number of 0 or more.",
      storageGib: "Storage is counted in whole GiB.",
    });
  });
});
