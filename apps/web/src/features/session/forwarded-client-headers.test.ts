import { describe, expect, it } from "vitest";
import { forwardedClientHeaders } from "./forwarded-client-headers";

describe("forwardedClientHeaders", () => {
  it("passes on the browser's cookie, user agent and forwarded-for chain unchanged", () => {
    const incoming = new Headers({
      cookie: "hks_at=jwt; hks_device=dev_1",
      "user-agent": "Mozilla/5.0 Chrome/140",
      "x-forwarded-for": "203.0.113.7, 10.0.0.2",
      authorization: "Bearer not-ours",
      host: "console.example",
    });

    expect(forwardedClientHeaders(incoming)).toEqual({
      cookie: "hks_at=jwt; hks_device=dev_1",
      "user-agent": "Mozilla/5.0 Chrome/140",
      "x-forwarded-for": "203.0.113.7, 10.0.0.2",
    });
  });

  it("adds no forwarded-for the browser's request did not carry, as Next's rewrite proxy adds none", () => {
    expect(forwardedClientHeaders(new Headers({ cookie: "a=1" }))).toEqual({ cookie: "a=1" });
  });
});
