import { errorEnvelopeSchema } from "@hks/contracts";
import { z } from "zod";

/** Path parameters of organization- and workspace-level routes (the authorization hook checks them). */
export const organizationParams = z.object({ orgId: z.string() });
export const workspaceParams = organizationParams.extend({ wsId: z.string() });

/** Ids of things inside a workspace: looked up scoped by the workspace, so a foreign id is 404. */
export const innerId = z.string().min(1).max(60);

/** `?flag=true`: query strings carry text, and only the literal "true" turns a flag on. */
export const queryFlag = z.enum(["true", "false"]).default("false");

/** The error answers tenancy routes document, all in the one envelope (422: quota and plan limits). */
export const tenancyRouteErrors = {
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
