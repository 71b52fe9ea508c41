import { afterEach, describe, expect, it } from "vitest";
import { assertApiOriginMatchesBuild, DEFAULT_API_ORIGIN, readApiOrigin } from "./api-origin";

describe("readApiOrigin", () => {
  it("defaults to the local API", () => {
    expect(readApiOrigin({})).toBe(DEFAULT_API_ORIGIN);
    expect(readApiOrigin({ HKS_API_ORIGIN: "  " })).toBe(DEFAULT_API_ORIGIN);
  });

  it("normalizes an origin", () => {
    expect(readApiOrigin({ HKS_API_ORIGIN: "https://API.example.com:443/" })).toBe("https://api.example.com");
    expect(readApiOrigin({ HKS_API_ORIGIN: "http://127.0.0.1:18080" })).toBe("http://127.0.0.1:18080");
  });

  it.each(["not a url", "ftp://api.example.com", "http://api.example.com/v1", "http://api.example.com/?x=1", "http://user:pw@api.example.com"])(
    "rejects %s, naming the variable",
    (value) => {
      expect(() => readApiOrigin({ HKS_API_ORIGIN: value })).toThrow(/HKS_API_ORIGIN/);
    },
  );
});

describe("assertApiOriginMatchesBuild", () => {
  const original = process.env.HKS_BUILT_API_ORIGIN;
  afterEach(() => {
    if (original === undefined) delete process.env.HKS_BUILT_API_ORIGIN;
    else process.env.HKS_BUILT_API_ORIGIN = original;
  });

  it("accepts the origin the build was made with", () => {
    process.env.HKS_BUILT_API_ORIGIN = "http://127.0.0.1:18080";
    expect(() => assertApiOriginMatchesBuild({ HKS_API_ORIGIN: "http://127.0.0.1:18080/" })).not.toThrow();
  });

  it("refuses a different origin, saying how to fix it", () => {
    process.env.HKS_BUILT_API_ORIGIN = "http://127.0.0.1:8080";
    expect(() => assertApiOriginMatchesBuild({ HKS_API_ORIGIN: "http://127.0.0.1:18080" })).toThrow(/rebuild the web app/);
  });
});
