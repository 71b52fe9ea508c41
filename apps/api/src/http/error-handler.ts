import { AppError, type ErrorCode, type ErrorDetail } from "@hks/contracts";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";

/** Fastify's own error codes that are the client's fault, and what we call them. */
const FASTIFY_CLIENT_ERRORS: Record<string, { code: ErrorCode; message: (error: FastifyError) => string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: "PAYLOAD_TOO_LARGE",
    message: () => "The request body is larger than the server accepts",
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: "UNSUPPORTED_MEDIA_TYPE",
    message: (error) => error.message,
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: "BAD_REQUEST",
    message: () => "The Content-Length header does not match the body",
  },
};

function validationDetails(error: FastifyError): ErrorDetail[] {
  const context = error.validationContext ?? "body";
  return (error.validation ?? []).map((issue) => {
    const pointer = issue.instancePath.replace(/^\//, "").replaceAll("/", ".");
    const field = pointer ? `${context}.${pointer}` : context;
    return { field, message: issue.message ?? "is invalid" };
  });
}

/** Maps any error to the one envelope. Only AppError messages and known client errors reach the client. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError) || fastifyError.validation) {
    const details = validationDetails(fastifyError);
    const summary = details.map((d) => `${d.field}: ${d.message}`).join("; ");
    return new AppError("VALIDATION_FAILED", `The request is invalid: ${summary}`, { details });
  }
  const known = fastifyError.code ? FASTIFY_CLIENT_ERRORS[fastifyError.code] : undefined;
  if (known) return new AppError(known.code, known.message(fastifyError), { cause: error });
  if (typeof fastifyError.statusCode === "number" && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new AppError("BAD_REQUEST", "The request could not be processed", { cause: error });
  }
  return new AppError("INTERNAL", "An unexpected error occurred", { cause: error });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) {
      const kind = isResponseSerializationError(error) ? "response did not match its schema" : "unhandled error";
      request.log.error({ err: error }, kind);
    }
    return reply.code(appError.status).send(appError.toEnvelope(request.id));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = (request.url.split("?")[0] ?? "").slice(0, 200);
    const error = new AppError("NOT_FOUND", `No route ${request.method} ${path}`);
    return reply.code(404).send(error.toEnvelope(request.id));
  });
}
