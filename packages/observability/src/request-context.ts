import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What every log line written while serving a request should carry. Later layers fill in the
 * user and organization once authentication has run; code deep in a service never has to pass a
 * logger around to get them.
 */
export interface RequestContext {
  requestId: string;
  userId?: string;
  orgId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** Enters the context for the rest of the current async execution (used from Fastify hooks). */
export function enterRequestContext(context: RequestContext): void {
  storage.enterWith(context);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Adds fields (e.g. the authenticated user) to the current request's context. */
export function annotateRequestContext(fields: Partial<Omit<RequestContext, "requestId">>): void {
  const context = storage.getStore();
  if (context) Object.assign(context, fields);
}
