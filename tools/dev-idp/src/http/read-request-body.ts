import type { IncomingMessage } from "node:http";

/** Far above any OAuth form post; a dev server still should not buffer unbounded input. */
const maxBodyBytes = 64 * 1024;

export class RequestBodyError extends Error {}

/**
 * Reads a form-encoded or JSON body into flat string fields. GitHub's token endpoint accepts both,
 * and OAuth parameters are always single strings, so non-string JSON values are dropped.
 */
export async function readRequestFields(req: IncomingMessage): Promise<Map<string, string>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new RequestBodyError("request body too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  const fields = new Map<string, string>();
  if (text.length === 0) return fields;

  const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (contentType === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new RequestBodyError("request body is not valid JSON");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new RequestBodyError("request body must be a JSON object");
    }
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === "string") fields.set(key, value);
    }
    return fields;
  }
  for (const [key, value] of new URLSearchParams(text)) fields.set(key, value);
  return fields;
}
