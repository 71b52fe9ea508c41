import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError, sessionUserSchema } from "@hks/contracts";
import { createApiClient, isApiError, singleFlight } from "../src/index";
import { createFakeFetch, envelope, json, noContentResponse } from "./fake-fetch";

const alice = {
  id: "usr_alice",
  email: "alice@example.com",
  name: "Alice Example",
  avatarUrl: null,
  provider: "dev",
  sessionId: "ses_01",
  organizationIds: [],
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("requests", () => {
  it("joins base URL, path and query, and sends the client's and the request's headers", async () => {
    const fake = createFakeFetch(() => json(200, { items: [], nextCursor: null }));
    const api = createApiClient({
      baseUrl: "http://api.test",
      fetch: fake.fetch,
      credentials: "same-origin",
      headers: { cookie: "hks_at=a", "user-agent": "Browser/1.0", "x-forwarded-for": "203.0.113.7" },
    });

    await api.securityLogs("evt 1/2", { limit: 5 });

    const [request] = fake.requests;
    expect(request?.url).toBe("http://api.test/auth/security-logs?limit=5&cursor=evt+1%2F2");
    expect(request?.credentials).toBe("same-origin");
    expect(request?.headers.get("cookie")).toBe("hks_at=a");
    expect(request?.headers.get("user-agent")).toBe("Browser/1.0");
    expect(request?.headers.get("x-forwarded-for")).toBe("203.0.113.7");
    expect(request?.headers.get("accept")).toBe("application/json");
  });

  it("leaves out an absent cursor", async () => {
    const fake = createFakeFetch(() => json(200, { items: [], nextCursor: null }));
    await createApiClient({ baseUrl: "", fetch: fake.fetch }).securityLogs(null);
    expect(fake.requests[0]?.url).toBe("/auth/security-logs");
  });

  it("lets a per-request header replace the client's, whatever its case", async () => {
    const fake = createFakeFetch(() => json(200, alice));
    const api = createApiClient({ baseUrl: "", fetch: fake.fetch, headers: { "User-Agent": "A" } });
    await api.request({ path: "/auth/me", response: sessionUserSchema, headers: { "user-agent": "B" } });
    expect(fake.requests[0]?.headers.get("user-agent")).toBe("B");
  });

  it("parses responses with the contracts' schemas", async () => {
    const fake = createFakeFetch(() => json(200, { providers: [{ id: "dev", name: "Development sign-in", kind: "oidc" }] }));
    const api = createApiClient({ baseUrl: "", fetch: fake.fetch });
    await expect(api.providers()).resolves.toEqual({ providers: [{ id: "dev", name: "Development sign-in", kind: "oidc" }] });
  });

  it("fails loudly when a response breaks the contract", async () => {
    const fake = createFakeFetch(() => json(200, { id: "usr_1" }));
    await expect(createApiClient({ baseUrl: "", fetch: fake.fetch }).me()).rejects.toThrow(/email|name/);
  });
});

describe("empty responses", () => {
  it("resolves 204 endpoints without reading a body", async () => {
    const fake = createFakeFetch(() => noContentResponse());
    const api = createApiClient({ baseUrl: "", fetch: fake.fetch });

    await expect(api.logout()).resolves.toBeUndefined();
    await expect(api.revokeSession("ses_01abc")).resolves.toBeUndefined();
    expect(fake.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      "POST /auth/logout",
      "DELETE /auth/sessions/ses_01abc",
    ]);
  });

  it("encodes the session id into the path", async () => {
    const fake = createFakeFetch(() => noContentResponse());
    await createApiClient({ baseUrl: "", fetch: fake.fetch }).revokeSession("../me");
    expect(fake.requests[0]?.url).toBe("/auth/sessions/..%2Fme");
  });

  it("returns the count from revoke-all", async () => {
    const fake = createFakeFetch(() => json(200, { revoked: 2 }));
    await expect(createApiClient({ baseUrl: "", fetch: fake.fetch }).revokeOtherSessions()).resolves.toBe(2);
    expect(fake.requests[0]?.method).toBe("POST");
    expect(fake.requests[0]?.url).toBe("/auth/sessions/revoke-all");
  });
});

describe("errors", () => {
  it("rebuilds the API's error envelope, with the HTTP status and request id", async () => {
    const fake = createFakeFetch(() => envelope(403, "FORBIDDEN", "This request needs a valid X-CSRF-Token header"));
    const error = await createApiClient({ baseUrl: "", fetch: fake.fetch }).revokeOtherSessions().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AppError);
    expect(isApiError(error) && { code: error.code, httpStatus: error.httpStatus, requestId: error.requestId }).toEqual({
      code: "FORBIDDEN",
      httpStatus: 403,
      requestId: "req_test",
    });
  });

  it.each([
    [401, "UNAUTHENTICATED"],
    [403, "FORBIDDEN"],
    [404, "NOT_FOUND"],
    [429, "RATE_LIMITED"],
    [418, "BAD_REQUEST"],
    [502, "SERVICE_UNAVAILABLE"],
  ])("maps HTTP %i without an envelope to %s and keeps the status", async (status, code) => {
    const fake = createFakeFetch(() => new Response("<html>gateway page</html>", { status, headers: { "content-type": "text/html" } }));
    const error = await createApiClient({ baseUrl: "", fetch: fake.fetch }).me().catch((caught: unknown) => caught);

    expect(isApiError(error)).toBe(true);
    expect(isApiError(error) && [error.code, error.httpStatus]).toEqual([code, status]);
  });

  it("treats an empty 401 as UNAUTHENTICATED", async () => {
    const fake = createFakeFetch(() => new Response(null, { status: 401 }));
    await expect(createApiClient({ baseUrl: "", fetch: fake.fetch }).me()).rejects.toMatchObject({ code: "UNAUTHENTICATED", httpStatus: 401 });
  });
});

describe("CSRF", () => {
  it("echoes the hks_csrf cookie on writes when running in a browser", async () => {
    vi.stubGlobal("document", { cookie: "theme=dark; hks_csrf=nonce.signature%3D; other=1" });
    const fake = createFakeFetch(() => noContentResponse());
    const api = createApiClient({ baseUrl: "", fetch: fake.fetch });

    await api.logout();
    await api.revokeSession("ses_1");

    expect(fake.requests.map((request) => request.headers.get("x-csrf-token"))).toEqual(["nonce.signature=", "nonce.signature="]);
  });

  it("never sends it on reads", async () => {
    vi.stubGlobal("document", { cookie: "hks_csrf=token" });
    const fake = createFakeFetch(() => json(200, { sessions: [] }));
    await createApiClient({ baseUrl: "", fetch: fake.fetch }).sessions();
    expect(fake.requests[0]?.headers.has("x-csrf-token")).toBe(false);
  });

  it("sends nothing outside a browser unless the caller supplies the token", async () => {
    const fake = createFakeFetch(() => noContentResponse());
    await createApiClient({ baseUrl: "", fetch: fake.fetch }).logout();
    await createApiClient({ baseUrl: "", fetch: fake.fetch, csrfToken: () => "supplied" }).logout();
    expect(fake.requests.map((request) => request.headers.get("x-csrf-token"))).toEqual([null, "supplied"]);
  });
});

describe("refresh on UNAUTHENTICATED", () => {
  it("refreshes once and retries the request with the re-issued CSRF token", async () => {
    let csrf = "old";
    let accessTokenValid = false;
    const fake = createFakeFetch(() => (accessTokenValid ? json(200, { revoked: 1 }) : envelope(401, "UNAUTHENTICATED")));
    const onUnauthenticated = vi.fn(async () => {
      accessTokenValid = true;
      csrf = "new";
      return true;
    });
    const api = createApiClient({ baseUrl: "", fetch: fake.fetch, csrfToken: () => csrf, onUnauthenticated });

    await expect(api.revokeOtherSessions()).resolves.toBe(1);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    expect(fake.requests.map((request) => request.headers.get("x-csrf-token"))).toEqual(["old", "new"]);
  });

  it("gives up after one retry", async () => {
    const fake = createFakeFetch(() => envelope(401, "UNAUTHENTICATED"));
    const onUnauthenticated = vi.fn(async () => true);
    const api = createApiClient({ baseUrl: "", fetch: fake.fetch, onUnauthenticated });

    await expect(api.me()).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    expect(fake.requests).toHaveLength(2);
  });

  it("lets the error through when the session cannot be renewed", async () => {
    const fake = createFakeFetch(() => envelope(401, "UNAUTHENTICATED"));
    const api = createApiClient({ baseUrl: "", fetch: fake.fetch, onUnauthenticated: async () => false });
    await expect(api.sessions()).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(fake.requests).toHaveLength(1);
  });

  it("does not refresh for other errors, nor for sign-out or the refresh itself", async () => {
    const onUnauthenticated = vi.fn(async () => true);
    const forbidden = createApiClient({ baseUrl: "", fetch: createFakeFetch(() => envelope(403, "FORBIDDEN")).fetch, onUnauthenticated });
    await expect(forbidden.sessions()).rejects.toMatchObject({ code: "FORBIDDEN" });

    const unauthenticated = createApiClient({ baseUrl: "", fetch: createFakeFetch(() => envelope(401, "UNAUTHENTICATED")).fetch, onUnauthenticated });
    await expect(unauthenticated.logout()).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(unauthenticated.refreshSession()).resolves.toBe(false);

    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it("sends one refresh for many requests that fail at the same moment", async () => {
    let refreshed = false;
    let releaseRefresh: () => void = () => {};
    const fake = createFakeFetch(async (request) => {
      if (request.url === "/auth/refresh") {
        await new Promise<void>((resolve) => {
          releaseRefresh = resolve;
        });
        refreshed = true;
        return noContentResponse();
      }
      return refreshed ? json(200, { sessions: [] }) : envelope(401, "UNAUTHENTICATED");
    });
    // The hook refreshes through a client without the hook, as the web app does.
    const refresher = createApiClient({ baseUrl: "", fetch: fake.fetch });
    const api = createApiClient({ baseUrl: "", fetch: fake.fetch, onUnauthenticated: singleFlight(() => refresher.refreshSession()) });

    const pending = Promise.all([api.sessions(), api.sessions(), api.sessions()]);
    await vi.waitFor(() => expect(fake.requests.filter((request) => request.url === "/auth/refresh")).toHaveLength(1));
    releaseRefresh();

    await expect(pending).resolves.toHaveLength(3);
    expect(fake.requests.filter((request) => request.url === "/auth/refresh")).toHaveLength(1);
    expect(fake.requests.filter((request) => request.url === "/auth/sessions")).toHaveLength(6);
  });
});

describe("refreshSession", () => {
  it("posts to /auth/refresh with the CSRF token and resolves true on 204", async () => {
    const fake = createFakeFetch(() => noContentResponse());
    const api = createApiClient({ baseUrl: "", fetch: fake.fetch, csrfToken: () => "csrf" });

    await expect(api.refreshSession()).resolves.toBe(true);
    expect(fake.requests[0]).toMatchObject({ method: "POST", url: "/auth/refresh", body: undefined });
    expect(fake.requests[0]?.headers.get("x-csrf-token")).toBe("csrf");
  });

  it("resolves false when the CSRF check refuses it, and throws when the API is down", async () => {
    const refused = createApiClient({ baseUrl: "", fetch: createFakeFetch(() => envelope(403, "FORBIDDEN")).fetch });
    await expect(refused.refreshSession()).resolves.toBe(false);

    const down = createApiClient({ baseUrl: "", fetch: createFakeFetch(() => new Response("bad gateway", { status: 502 })).fetch });
    await expect(down.refreshSession()).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
  });
});
