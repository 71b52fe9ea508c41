import type { ResourceAmounts } from "@hks/contracts";

/**
 * Arithmetic on the three resources a workspace hands out and projects hold. Pure, so the quota
 * rules are unit tested as data; the services only add the locking and the SQL sums.
 */
export const resourceKinds = ["cpuMillicores", "memoryMib", "storageGib"] as const satisfies readonly (keyof ResourceAmounts)[];

export type ResourceKind = (typeof resourceKinds)[number];

export const noResources: ResourceAmounts = Object.freeze({ cpuMillicores: 0, memoryMib: 0, storageGib: 0 });

const combine = (f: (kind: ResourceKind) => number): ResourceAmounts => ({ cpuMillicores: f("cpuMillicores"), memoryMib: f("memoryMib"), storageGib: f("storageGib") });

/** The three amounts of a row that has more columns (a workspace, a project). */
export const resourcesOf = (row: ResourceAmounts): ResourceAmounts => combine((kind) => row[kind]);

export const addResources = (a: ResourceAmounts, b: ResourceAmounts): ResourceAmounts => combine((kind) => a[kind] + b[kind]);

export const subtractResources = (a: ResourceAmounts, b: ResourceAmounts): ResourceAmounts => combine((kind) => a[kind] - b[kind]);

export const lowerOf = (a: ResourceAmounts, b: ResourceAmounts): ResourceAmounts => combine((kind) => Math.min(a[kind], b[kind]));

/** `base` with the amounts a request named; the ones it left out keep their value. */
export const withChanges = (base: ResourceAmounts, changes: Partial<ResourceAmounts> | undefined): ResourceAmounts =>
  combine((kind) => changes?.[kind] ?? base[kind]);

/** The resources of which `wanted` asks for more than `available`. */
export const resourcesBeyond = (wanted: ResourceAmounts, available: ResourceAmounts): ResourceKind[] => resourceKinds.filter((kind) => wanted[kind] > available[kind]);

/** What a holder has handed on and what it has left: the headroom tenants see. */
export const headroomOf = (own: ResourceAmounts, allocated: ResourceAmounts) => ({ allocated, free: subtractResources(own, allocated) });
