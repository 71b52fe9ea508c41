import { z } from "zod";
import { workspaceParams } from "../workspaces/workspace-route-schemas";

export const projectParams = workspaceParams.extend({ projectId: z.string() });
