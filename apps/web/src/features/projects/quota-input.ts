import type { ResourceAmounts } from "@hks/contracts";

/**
 * The create-project form asks for CPU in cores and memory and storage in GiB (how people size
 * namespaces); the API wants millicores, MiB and GiB as whole numbers. Blank means 0, as the API
 * takes a resource left out.
 */
export interface QuotaInput {
  cpuCores: string;
  memoryGib: string;
  storageGib: string;
}

export type QuotaField = keyof QuotaInput;

const units: Record<QuotaField, { key: keyof ResourceAmounts; factor: number; what: string }> = {
  cpuCores: { key: "cpuMillicores", factor: 1000, what: "CPU" },
  memoryGib: { key: "memoryMib", factor: 1024, what: "Memory" },
  storageGib: { key: "storageGib", factor: 1, what: "Storage" },
};

export function parseQuotaInput(input: QuotaInput): { quota: ResourceAmounts; problems: Partial<Record<QuotaField, string>> } {
  const quota: ResourceAmounts = { cpuMillicores: 0, memoryMib: 0, storageGib: 0 };
  const problems: Partial<Record<QuotaField, string>> = {};
  for (const field of Object.keys(units) as QuotaField[]) {
    const { key, factor, what } = units[field];
    const raw = input[field].trim();
    if (raw === "") continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) {
      problems[field] = `${what} must be a number of 0 or more.`;
      continue;
    }
    const amount = value * factor;
    if (field === "storageGib" && !Number.isInteger(amount)) {
      problems[field] = "Storage is counted in whole GiB.";
      continue;
    }
    if (amount > 100_000_000) {
      problems[field] = `${what} is larger than the platform counts.`;
      continue;
    }
    quota[key] = Math.round(amount);
  }
  return { quota, problems };
}
