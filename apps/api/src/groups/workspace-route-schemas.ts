import { errorEnvelopeSchema } from "@hks/contracts";
import { z } from "zod";

/** Path parameters every workspace-level route starts with (the authorization hook checks them). */
export const workspaceParams = z.object({ orgId: z.string(), wsId: z.string() });

/** Ids of things inside a workspace: looked up scoped by the workspace, so a foreign id is 404. */
export const innerId = z.string().min(1).max(60);

/** The error responses a workspace-level route can give, all in the one envelope. */
export const errorResponses = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  409: errorEnvelopeSchema,
  412: errorEnvelopeSchema,
  422: errorEnvelopeSchema,
  428: errorEnvelopeSchema,
  429: errorEnvelopeSchema,
};

/** `?flag=true`: query strings carry text, and only the literal "true" turns a flag on. */
export const queryFlag = z.enum(["true", "false"]).default("false");
