import { describe, expect, it } from "vitest";
import { chooseProvider } from "./choose-provider";

const dev = { id: "dev", name: "Dev", kind: "oidc" as const };
const github = { id: "github", name: "GitHub", kind: "github" as const };
const api = "http://127.0.0.1:8080";

describe("chooseProvider", () => {
  it("uses the only provider without being told", () => {
    expect(chooseProvider([dev], undefined, api)).toBe(dev);
  });

  it("uses the requested provider", () => {
    expect(chooseProvider([dev, github], "github", api)).toBe(github);
  });

  it("lists the choices when there are several and none was requested", () => {
    expect(() => chooseProvider([dev, github], undefined, api)).toThrow(
      `the platform at ${api} offers several sign-in providers; choose one with --provider <id>:\n  dev     Dev\n  github  GitHub`,
    );
  });

  it("names an unknown provider and the valid ones", () => {
    expect(() => chooseProvider([dev], "google", api)).toThrow(`has no sign-in provider "google"; use one of:\n  dev  Dev`);
  });

  it("explains a platform without providers", () => {
    expect(() => chooseProvider([], undefined, api)).toThrow("offers no sign-in providers");
  });
});
