import { AppError } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import secureJson from "secure-json-parse";

/**
 * Replaces Fastify's JSON parser with one that says *what* is wrong with a malformed body
 * (position and reason from the parser), while still refusing prototype-poisoning keys
 * (`__proto__`, `constructor.prototype`) that could corrupt objects later.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.length === 0) {
      done(new AppError("BAD_REQUEST", "The request body is empty but content-type is application/json"), undefined);
      return;
    }
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: "error", constructorAction: "error" }));
    } catch (error) {
      const reason = error instanceof Error ? error.message : "unparseable";
      done(new AppError("BAD_REQUEST", `The request body is not valid JSON: ${reason}`), undefined);
    }
  });
}
