/**
 * How often the console asks again while something is moving. Workspaces and tasks are polled
 * only while busy; settled ones are not polled at all (a live events socket can replace this
 * later without changing the pages). One small GET a second for the workspace on screen; the
 * list, which may hold many, is asked less often.
 */
export const BUSY_WORKSPACE_POLL_MS = 1_000;
export const RUNNING_TASK_POLL_MS = 1_000;
export const BUSY_LIST_POLL_MS = 3_000;
/** The health check asks the cluster live (up to seconds); refreshed now and then while the page is open. */
export const HEALTH_POLL_MS = 30_000;
