import { z } from "zod";
import { errorCodeList } from "./error-codes";

/** The single error shape every endpoint answers with: `{ error: { code, message, requestId, details } }`. */
export const errorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodeList as [string, ...string[]]).describe("Stable, machine-readable error code"),
      message: z.string().describe("Human-readable explanation; never contains internals"),
      requestId: z.string().describe("Correlates with server logs (also in the x-request-id header)"),
      details: z
        .array(
          z.object({
            field: z.string().optional().describe("Dotted path of the offending field, when there is one"),
            message: z.string(),
          }),
        )
        .optional(),
    }),
  })
  .meta({ id: "ErrorEnvelope" });

export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
export type ErrorDetail = NonNullable<ErrorEnvelope["error"]["details"]>[number];
