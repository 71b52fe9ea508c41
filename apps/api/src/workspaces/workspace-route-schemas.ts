import { errorEnvelopeSchema } from "@hks/contracts";
import { z } from "zod";

/** The error answers workspace and project routes document (422: quota and plan limits). */
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

export const organizationParams = z.object({ orgId: z.string() });
export const workspaceParams = organizationParams.extend({ wsId: z.string() });
