import { AppError, planById, type Plan, type ResourceAmounts } from "@hks/contracts";
import { lowerOf, resourcesOf, withChanges } from "./resource-amounts";
import { ensureWithin } from "./resource-limits";

/**
 * What a plan allows a workspace, as pure rules: its size (the plan's per-workspace limits, which
 * are also the defaults), how many workspaces an organization may have and how many projects a
 * workspace may hold.
 */

/** The plan a request names; an id that is not in the catalogue is a bad field, not a missing resource. */
export function requestedPlan(planId: string): Plan {
  const plan = planById(planId);
  if (!plan) throw new AppError("VALIDATION_FAILED", `There is no plan "${planId}"`, { details: [{ field: "body.planId", message: "not a plan of GET /api/v1/plans" }] });
  return plan;
}

/** The plan a stored workspace is on. Plan ids are stable, so a missing one is a bug, not a client error. */
export function planOfWorkspace(workspace: { id: string; planId: string }): Plan {
  const plan = planById(workspace.planId);
  if (!plan) throw new Error(`workspace ${workspace.id} is on plan "${workspace.planId}", which the catalogue no longer has`);
  return plan;
}

const perWorkspaceLimits = (plan: Plan): ResourceAmounts => resourcesOf(plan.limits);

const planLimit = (plan: Plan) => ({ code: "PLAN_LIMIT" as const, message: `The ${plan.name} plan does not allow that much`, field: "body.resources", availableLabel: "the plan allows" });

/** A new workspace's resources: what was asked, each left out at the plan's limit; never above it. */
export function initialResources(plan: Plan, requested: Partial<ResourceAmounts> | undefined): ResourceAmounts {
  const resources = withChanges(perWorkspaceLimits(plan), requested);
  ensureWithin(resources, perWorkspaceLimits(plan), planLimit(plan));
  return resources;
}

/**
 * A workspace's resources after an update. Moving to a smaller plan lowers what is above its
 * limits (a downgrade has to shrink); moving to a larger one keeps the current size, so growing is
 * always something the request asks for. Either way the result must fit the plan.
 */
export function resizedResources(current: ResourceAmounts, plan: Plan, requested: Partial<ResourceAmounts> | undefined, planChanged: boolean): ResourceAmounts {
  const base = planChanged ? lowerOf(current, perWorkspaceLimits(plan)) : current;
  const resources = withChanges(base, requested);
  ensureWithin(resources, perWorkspaceLimits(plan), planLimit(plan));
  return resources;
}

/** `total` is how many workspaces the organization would have (or has, on a plan change). */
export function ensureWorkspaceCount(plan: Plan, total: number): void {
  if (total <= plan.limits.workspaces) return;
  throw new AppError("PLAN_LIMIT", `The ${plan.name} plan allows ${plan.limits.workspaces} workspaces per organization`, {
    details: [{ field: "body.planId", message: `the organization would have ${total} workspaces` }],
  });
}

/** `total` is how many projects the workspace would have (or has, on a plan change). */
export function ensureProjectCount(plan: Plan, total: number): void {
  if (total <= plan.limits.projectsPerWorkspace) return;
  throw new AppError("PLAN_LIMIT", `The ${plan.name} plan allows ${plan.limits.projectsPerWorkspace} projects per workspace`, {
    details: [{ message: `the workspace would have ${total} projects` }],
  });
}
