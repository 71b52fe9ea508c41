import type { ResourceAmounts } from "@hks/contracts";

/**
 * Resource amounts as people read them. The API counts CPU in millicores, memory in MiB and
 * storage in GiB (`ResourceAmounts`); the console writes cores and binary units.
 */
const decimals = new Intl.NumberFormat("en", { maximumFractionDigits: 3 });
const twoDecimals = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });

export function formatCpu(millicores: number): string {
  return `${decimals.format(millicores / 1000)} CPU`;
}

export function formatMemory(mib: number): string {
  return mib >= 1024 ? `${twoDecimals.format(mib / 1024)} GiB` : `${decimals.format(mib)} MiB`;
}

export function formatStorage(gib: number): string {
  return `${decimals.format(gib)} GiB`;
}

/** "4 CPU · 8 GiB memory · 50 GiB storage" */
export function formatResources(amounts: ResourceAmounts): string {
  return `${formatCpu(amounts.cpuMillicores)} · ${formatMemory(amounts.memoryMib)} memory · ${formatStorage(amounts.storageGib)} storage`;
}
