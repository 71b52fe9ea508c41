import { AppError, type ErrorCode, type ResourceAmounts } from "@hks/contracts";
import { resourcesBeyond } from "./resource-amounts";

/**
 * Refuses `wanted` when it exceeds `available` in any resource, naming each one with both numbers
 * so a tenant can see how far over they are. `field` is where the amounts sit in the request.
 */
export function ensureWithin(
  wanted: ResourceAmounts,
  available: ResourceAmounts,
  refusal: { code: Extract<ErrorCode, "QUOTA_EXCEEDED" | "PLAN_LIMIT">; message: string; field: string; availableLabel: string },
): void {
  const over = resourcesBeyond(wanted, available);
  if (over.length === 0) return;
  throw new AppError(refusal.code, refusal.message, {
    details: over.map((kind) => ({ field: `${refusal.field}.${kind}`, message: `${wanted[kind]} wanted, ${refusal.availableLabel} ${available[kind]}` })),
  });
}

/** A holder cannot shrink below what it already handed on (its children's or projects' sum). */
export function ensureCovers(own: ResourceAmounts, allocated: ResourceAmounts, what: { message: string; field: string }): void {
  const under = resourcesBeyond(allocated, own);
  if (under.length === 0) return;
  throw new AppError("QUOTA_EXCEEDED", what.message, {
    details: under.map((kind) => ({ field: `${what.field}.${kind}`, message: `${own[kind]} asked, but ${allocated[kind]} is already allocated below` })),
  });
}
