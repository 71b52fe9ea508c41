import { z } from "zod";
import { workspaceParams } from "../http/tenancy-route-schemas";

export const projectParams = workspaceParams.extend({ projectId: z.string() });
