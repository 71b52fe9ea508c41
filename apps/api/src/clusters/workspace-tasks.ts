import type { TaskDefinition } from "../tasks/task-definition";
import { deleteTask } from "./delete-task";
import { restartTask, startTask, stopTask } from "./power-tasks";
import { provisionTask } from "./provision-task";
import { resizeTask } from "./resize-task";
import { upgradeTask } from "./upgrade-task";
import type { WorkspaceOperation } from "./workspace-operations";
import type { WorkspaceTaskDeps } from "./workspace-task-kit";

/** The task behind each lifecycle operation. */
export function createWorkspaceTasks(deps: WorkspaceTaskDeps): Record<WorkspaceOperation, TaskDefinition> {
  return {
    provision: provisionTask(deps),
    start: startTask(deps),
    stop: stopTask(deps),
    restart: restartTask(deps),
    upgrade: upgradeTask(deps),
    resize: resizeTask(deps),
    delete: deleteTask(deps),
  };
}

export type WorkspaceTaskDefinitions = ReturnType<typeof createWorkspaceTasks>;
