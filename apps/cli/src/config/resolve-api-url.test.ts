import { describe, expect, it } from "vitest";
import { DEFAULT_API_URL } from "./api-url";
import { resolveApiUrl } from "./resolve-api-url";

describe("resolveApiUrl precedence: flag > env > config > default", () => {
  const flag = "http://flag.example:1";
  const env = "http://env.example:2";
  const config = "http://config.example:3";

  it("prefers the --api-url flag over everything", () => {
    expect(resolveApiUrl({ flag, env, config })).toEqual({ value: flag, source: "flag" });
  });

  it("uses HKS_API_URL when there is no flag", () => {
    expect(resolveApiUrl({ env, config })).toEqual({ value: env, source: "env" });
  });

  it("uses the config file when neither flag nor variable is set", () => {
    expect(resolveApiUrl({ config })).toEqual({ value: config, source: "config" });
  });

  it("falls back to the default", () => {
    expect(resolveApiUrl({})).toEqual({ value: DEFAULT_API_URL, source: "default" });
    expect(DEFAULT_API_URL).toBe("http://127.0.0.1:8080");
  });

  it("treats empty values as unset", () => {
    expect(resolveApiUrl({ flag: "", env: "  ", config })).toEqual({ value: config, source: "config" });
  });

  it("normalizes the winning value", () => {
    expect(resolveApiUrl({ env: "http://env.example:2/" })).toEqual({ value: env, source: "env" });
  });

  it("rejects an invalid winner, naming its source, instead of falling through", () => {
    expect(() => resolveApiUrl({ flag: "nope", config })).toThrow(/invalid API URL from --api-url: "nope" is not a URL/);
    expect(() => resolveApiUrl({ env: "ftp://x", config })).toThrow(/from HKS_API_URL: "ftp:\/\/x" must use http/);
  });

  it("does not validate values that lost", () => {
    expect(resolveApiUrl({ flag, env: "not a url" })).toEqual({ value: flag, source: "flag" });
  });
});
