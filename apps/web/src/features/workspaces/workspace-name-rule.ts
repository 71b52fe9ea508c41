import type { z } from "zod";
import { dnsLabelSchema } from "@hks/contracts";

/**
 * Checks a workspace or project name with the API's own rule (an RFC 1123 label, from the shared
 * contracts), so the form can say what is wrong before sending. Projects pass `projectNameSchema`,
 * which also refuses the names Kubernetes reserves.
 */
export function nameProblem(name: string, schema: z.ZodType<string> = dnsLabelSchema): string | undefined {
  if (name.length === 0) return "Enter a name.";
  const result = schema.safeParse(name);
  if (result.success) return undefined;
  const message = result.error.issues[0]?.message ?? "is not a valid name";
  return message.startsWith("reserved") ? `This name is ${message}.` : `Use ${message}.`;
}
