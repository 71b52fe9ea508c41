import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { signedInPage, signInFailedPage } from "./callback-page";
import { startLoopbackCallbackServer, type LoopbackCallbackServer } from "./loopback-callback-server";

const servers: LoopbackCallbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(): Promise<LoopbackCallbackServer> {
  const server = await startLoopbackCallbackServer();
  servers.push(server);
  return server;
}

/** A raw request, so the Host header can be set the way a DNS-rebinding page would send it. */
function send(url: string, options: { method?: string; host?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const outgoing = request(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: options.method ?? "GET", headers: options.host ? { host: options.host } : {} },
      (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end();
  });
}

describe("the loopback callback server", () => {
  it("listens on 127.0.0.1 with a port the OS picked, at /callback", async () => {
    const server = await start();
    expect(server.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect((await start()).redirectUri).not.toBe(server.redirectUri);
  });

  it("hands over the first GET /callback, answers it with the page given, then closes", async () => {
    const server = await start();
    const callback = server.nextCallback(new AbortController().signal);
    const answer = send(`${server.redirectUri}?code=abc&state=xyz`);

    const received = await callback;
    expect(Object.fromEntries(received.params)).toEqual({ code: "abc", state: "xyz" });
    await received.respond(signedInPage());

    const { status, body, headers } = await answer;
    expect(status).toBe(200);
    expect(body).toContain("<title>Signed in — you can close this tab</title>");
    expect(headers).toMatchObject({ "cache-control": "no-store", "referrer-policy": "no-referrer" });
    await expect(send(server.redirectUri)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("ignores other paths, methods and host names while it waits", async () => {
    const server = await start();
    const callback = server.nextCallback(new AbortController().signal);
    const { port } = new URL(server.redirectUri);

    expect((await send(server.redirectUri.replace("/callback", "/favicon.ico"))).status).toBe(404);
    expect((await send(server.redirectUri, { method: "POST" })).status).toBe(405);
    expect((await send(server.redirectUri, { host: `attacker.example:${port}` })).status).toBe(400);
    expect((await send(server.redirectUri, { host: `localhost:${port}` })).status).toBe(400);

    const answer = send(`${server.redirectUri}?state=s`);
    const received = await callback;
    expect(received.params.get("state")).toBe("s");
    await received.respond(signInFailedPage("Nope <script>."));
    const { status, body } = await answer;
    expect(status).toBe(400);
    expect(body).toContain("Nope &#60;script&#62;.");
  });

  it("refuses every request after the one it took", async () => {
    const server = await start();
    const callback = server.nextCallback(new AbortController().signal);
    void send(`${server.redirectUri}?code=first`);
    const received = await callback;
    // Still deciding what to answer the first: a second callback gets nothing from us.
    expect((await send(`${server.redirectUri}?code=second`)).status).toBe(410);
    await received.respond(signedInPage());
  });

  it("stops waiting with the abort reason (timeout or Ctrl-C)", async () => {
    const server = await start();
    const abort = new AbortController();
    const callback = server.nextCallback(abort.signal);
    abort.abort(new Error("timed out"));
    await expect(callback).rejects.toThrow("timed out");
  });
});
