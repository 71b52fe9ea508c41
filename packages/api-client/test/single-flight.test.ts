import { describe, expect, it } from "vitest";
import { readCookie, singleFlight } from "../src/index";

describe("singleFlight", () => {
  it("shares one run among concurrent callers", async () => {
    let runs = 0;
    let finish: (value: number) => void = () => {};
    const shared = singleFlight(() => {
      runs += 1;
      return new Promise<number>((resolve) => {
        finish = resolve;
      });
    });

    const first = shared();
    const second = shared();
    finish(42);

    await expect(Promise.all([first, second])).resolves.toEqual([42, 42]);
    expect(runs).toBe(1);
  });

  it("starts a new run once the previous one settled, even after a failure", async () => {
    let runs = 0;
    const flaky = singleFlight(async () => {
      runs += 1;
      if (runs === 1) throw new Error("first run fails");
      return runs;
    });

    await expect(flaky()).rejects.toThrow("first run fails");
    await expect(flaky()).resolves.toBe(2);
  });
});

describe("readCookie", () => {
  it("finds a cookie among others and decodes it", () => {
    expect(readCookie("a=1; hks_csrf=abc%3D.def; b=2", "hks_csrf")).toBe("abc=.def");
  });

  it("does not match a cookie whose name merely ends the same", () => {
    expect(readCookie("xhks_csrf=evil", "hks_csrf")).toBeUndefined();
  });

  it("keeps a value that is not valid percent-encoding", () => {
    expect(readCookie("hks_csrf=100%", "hks_csrf")).toBe("100%");
  });

  it("answers undefined for an empty cookie string", () => {
    expect(readCookie("", "hks_csrf")).toBeUndefined();
  });
});
