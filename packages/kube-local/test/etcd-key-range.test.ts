import { describe, expect, it } from "vitest";
import { prefixRangeEnd, virtualClusterEtcdPrefix } from "../src/etcd-key-range";

const bytes = (text: string) => Buffer.from(text, "latin1");

describe("prefixRangeEnd", () => {
  it("increments the last byte, so the range covers exactly the keys with the prefix", () => {
    expect(Buffer.from(prefixRangeEnd(bytes("/vclusters/ns/a/"))).toString("latin1")).toBe("/vclusters/ns/a0");
  });

  it("carries over trailing 0xff bytes", () => {
    expect([...prefixRangeEnd(Uint8Array.of(0x61, 0xff, 0xff))]).toEqual([0x62]);
  });

  it("returns etcd's 'to the end' marker for an all-0xff prefix", () => {
    expect([...prefixRangeEnd(Uint8Array.of(0xff))]).toEqual([0]);
  });
});

describe("virtualClusterEtcdPrefix", () => {
  it("keeps virtual clusters apart from each other and from the host's /registry", () => {
    expect(virtualClusterEtcdPrefix("team-a", "ws-1")).toBe("/vclusters/team-a/ws-1");
    expect(virtualClusterEtcdPrefix("team-a", "ws-1")).not.toMatch(/^\/registry/);
  });
});
