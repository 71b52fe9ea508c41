import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { publicAccess } from "../src/http/route-access";
import { buildTestServer } from "../src/testing/embedded-server";

describe("graceful shutdown", () => {
  it("lets an in-flight request finish while refusing new connections", { timeout: 60_000 }, async () => {
    let release: () => void = () => {};
    let started: () => void = () => {};
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    const { app, close } = await buildTestServer({ beforeReady: (app) => {
      app.get("/test/held", { config: { access: publicAccess("test route") } }, async () => {
        started();
        await new Promise<void>((resolve) => (release = resolve));
        return { finished: true };
      });
    } });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as AddressInfo;

    const inFlight = fetch(`http://127.0.0.1:${port}/test/held`);
    // Close only once the request is inside its handler: that is the in-flight case.
    await handlerStarted;
    const closing = close();
    await new Promise((resolve) => setTimeout(resolve, 100));

    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    await closing;
  });
});
