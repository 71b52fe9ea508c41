import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { enforceDeclaredAccess } from "../src/http/enforce-declared-access";
import { publicAccess } from "../src/http/route-access";

describe("every route declares its access", () => {
  it("refuses to register a route without config.access", async () => {
    const app = Fastify();
    enforceDeclaredAccess(app);
    expect(() => app.get("/undeclared", async () => ({}))).toThrow("Route GET /undeclared does not declare config.access");
    await app.close();
  });

  it("accepts a route that declares its access", async () => {
    const app = Fastify();
    enforceDeclaredAccess(app);
    app.get("/declared", { config: { access: publicAccess("test") } }, async () => ({ ok: true }));
    expect((await app.inject({ method: "GET", url: "/declared" })).json()).toEqual({ ok: true });
    await app.close();
  });
});
