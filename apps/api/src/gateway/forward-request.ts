import type { IncomingMessage, ServerResponse } from "node:http";
import type { Dispatcher } from "undici";
import { downstreamResponseHeaders, type HeaderMap } from "./proxy-headers";
import type { UpstreamTarget } from "./upstream-targets";

export interface ForwardRequestInput {
  target: UpstreamTarget;
  method: string;
  /** Path and query after the gateway prefix, exactly as the client sent them. */
  path: string;
  headers: HeaderMap;
  /** The client's request, streamed upstream as its body when it has one. */
  request: IncomingMessage;
  response: ServerResponse;
  /** Watches and followed logs: no body timeout, headers sent at once. */
  longRunning: boolean;
  /**
   * Aborted when the client goes away or the server shuts down: before the cluster answered, the
   * upstream request is abandoned; once streaming, the response is ended cleanly (a watch ends as
   * it does when the API server closes it, and kubectl reconnects).
   */
  signal: AbortSignal;
  /** Runs once the cluster's status is known, before anything is sent to the client (the audit event). */
  beforeResponse?: (statusCode: number) => Promise<void>;
}

/** The cluster could not be reached or did not answer: nothing was sent to the client yet. */
export class UpstreamUnavailableError extends Error {}

/** Kubernetes bounds ordinary requests at 60 s; give it a little more before calling it gone. */
const UPSTREAM_TIMEOUT_MS = 75_000;

const hasBody = (request: IncomingMessage) =>
  request.headers["transfer-encoding"] !== undefined || (request.headers["content-length"] !== undefined && request.headers["content-length"] !== "0");

/**
 * Relays one HTTP request to the virtual cluster and its response back, streaming both bodies
 * (never buffered): a watch's events reach the client chunk by chunk as the API server writes
 * them, and the exchange ends when either side closes. Resolves with the status relayed once the
 * response is over.
 */
export async function forwardRequest(input: ForwardRequestInput): Promise<number> {
  let upstream: Dispatcher.ResponseData;
  try {
    upstream = await input.target.pool.request({
      path: `${input.target.basePath}${input.path}`,
      method: input.method as Dispatcher.HttpMethod,
      headers: input.headers,
      body: hasBody(input.request) ? input.request : null,
      signal: input.signal,
      headersTimeout: UPSTREAM_TIMEOUT_MS,
      bodyTimeout: input.longRunning ? 0 : UPSTREAM_TIMEOUT_MS,
    });
  } catch (error) {
    if (input.signal.aborted) return 499;
    throw new UpstreamUnavailableError("the virtual cluster did not answer", { cause: error });
  }

  await input.beforeResponse?.(upstream.statusCode);
  const { body } = upstream;
  const { response, signal } = input;
  response.writeHead(upstream.statusCode, downstreamResponseHeaders(upstream.headers as HeaderMap));
  if (input.longRunning) response.flushHeaders();
  await new Promise<void>((resolve) => {
    const endCleanly = () => {
      body.unpipe(response);
      body.destroy();
      if (!response.destroyed && !response.writableEnded) response.end();
    };
    if (signal.aborted) endCleanly();
    else signal.addEventListener("abort", endCleanly, { once: true });
    response.once("close", () => {
      signal.removeEventListener("abort", endCleanly);
      // The client went away first: stop reading, which closes the upstream request too.
      if (!body.readableEnded) body.destroy();
      resolve();
    });
    // The cluster went away mid-stream: the client sees the connection drop, as it would have.
    body.once("error", () => response.destroy());
    body.pipe(response);
  });
  return upstream.statusCode;
}
