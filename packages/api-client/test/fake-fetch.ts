/** One request as the fake server saw it. */
export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
  credentials: RequestInit["credentials"];
}

export type FakeRoute = (request: RecordedRequest) => Response | Promise<Response>;

/**
 * A stand-in for `fetch` that records every request and answers from `route`. Enough for the
 * client's unit tests; the real API is exercised by the integration and e2e suites.
 */
export function createFakeFetch(route: FakeRoute) {
  const requests: RecordedRequest[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const recorded: RecordedRequest = {
      url: String(input),
      method: init?.method ?? "GET",
      headers: new Headers(init?.headers),
      body: typeof init?.body === "string" ? init.body : undefined,
      credentials: init?.credentials,
    };
    requests.push(recorded);
    return route(recorded);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export function envelope(status: number, code: string, message = code): Response {
  return json(status, { error: { code, message, requestId: "req_test" } });
}

export function noContentResponse(): Response {
  return new Response(null, { status: 204 });
}
