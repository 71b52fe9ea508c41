import type { TaskHandler } from "./task-handler";

/**
 * The handlers this worker runs. Empty until the task engine lands (provisioning, lifecycle,
 * reconciliation); the process, its shutdown and its queue wiring are already real.
 */
export function taskHandlers(): TaskHandler[] {
  return [];
}
