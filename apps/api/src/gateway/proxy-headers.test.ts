import { describe, expect, it } from "vitest";
import { downstreamResponseHeaders, headerMapOf, switchingProtocolsHead, upstreamRequestHeaders } from "./proxy-headers";

const identity = { user: "usr_bob", groups: ["grp_devs", "grp_parent"] };

describe("upstreamRequestHeaders", () => {
  it("replaces whatever identity the client claims with the gateway's, one Impersonate-Group per group", () => {
    const incoming = headerMapOf([
      "Authorization", "Bearer kube-token",
      "Impersonate-User", "kubernetes-admin",
      "Impersonate-Group", "system:masters",
      "Impersonate-Group", "system:nodes",
      "Impersonate-Uid", "0",
      "Impersonate-Extra-Scopes", "all",
      "X-Remote-User", "admin",
      "X-Remote-Group", "system:masters",
      "X-Forwarded-For", "10.0.0.1",
      "Forwarded", "for=10.0.0.1",
      "Cookie", "hks_at=secret",
      "X-HKS-Device-Id", "device",
      "Accept", "application/json",
      "Content-Type", "application/apply-patch+yaml",
      "User-Agent", "kubectl/v1.35.4",
    ]);
    expect(upstreamRequestHeaders(incoming, identity, { ip: "203.0.113.7" })).toEqual({
      accept: "application/json",
      "content-type": "application/apply-patch+yaml",
      "user-agent": "kubectl/v1.35.4",
      "impersonate-user": "usr_bob",
      "impersonate-group": ["grp_devs", "grp_parent"],
      "x-forwarded-for": "203.0.113.7",
    });
  });

  it("drops hop-by-hop headers, including those the Connection header names", () => {
    const incoming = headerMapOf(["Connection", "keep-alive, X-Secret-Hop", "Keep-Alive", "timeout=5", "X-Secret-Hop", "1", "Transfer-Encoding", "chunked", "TE", "trailers", "Host", "api.example.com", "Expect", "100-continue", "Proxy-Authorization", "Basic x", "Content-Length", "42"]);
    expect(upstreamRequestHeaders(incoming, { user: "usr_bob", groups: [] }, { ip: "127.0.0.1" })).toEqual({
      "content-length": "42",
      "impersonate-user": "usr_bob",
      "x-forwarded-for": "127.0.0.1",
    });
  });

  it("carries an upgrade (exec, attach, port-forward) with its protocol and WebSocket headers", () => {
    const incoming = headerMapOf(["Connection", "Upgrade", "Upgrade", "websocket", "Sec-WebSocket-Key", "abc==", "Sec-WebSocket-Protocol", "v5.channel.k8s.io", "Sec-WebSocket-Version", "13"]);
    expect(upstreamRequestHeaders(incoming, identity, { ip: "127.0.0.1", upgrade: "websocket" })).toMatchObject({
      connection: "Upgrade",
      upgrade: "websocket",
      "sec-websocket-key": "abc==",
      "sec-websocket-protocol": "v5.channel.k8s.io",
      "impersonate-user": "usr_bob",
    });
  });
});

describe("downstreamResponseHeaders", () => {
  it("relays the cluster's headers but no cookies or hop-by-hop headers, and keeps its content from running on the platform's origin", () => {
    const upstream = { "content-type": "text/html", "audit-id": "a1", "set-cookie": ["session=evil; Path=/"], "transfer-encoding": "chunked", connection: "keep-alive", "content-security-policy": "script-src *" };
    expect(downstreamResponseHeaders(upstream)).toEqual({
      "content-type": "text/html",
      "audit-id": "a1",
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'; sandbox",
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
    });
  });
});

describe("switchingProtocolsHead", () => {
  it("repeats the cluster's 101 verbatim, without cookies", () => {
    expect(switchingProtocolsHead(["Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Accept", "xyz=", "Set-Cookie", "a=b"])).toBe(
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: xyz=\r\n\r\n",
    );
  });
});
