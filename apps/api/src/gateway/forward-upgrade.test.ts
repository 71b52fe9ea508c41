import { mkdtempSync } from "node:fs";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TLSSocket } from "node:tls";
import { ensureCertificate, ensureCertificateAuthority } from "@hks/kube-local";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installUpgradeRouting, pendingUpgradeOf } from "../http/upgrade-routing";
import { forwardUpgrade } from "./forward-upgrade";
import { headerMapOf, upstreamRequestHeaders } from "./proxy-headers";
import { createUpstreamTargets, type UpstreamTargets } from "./upstream-targets";

/**
 * The upgrade leg of the gateway on real sockets: a client's `Upgrade` request routed through
 * Fastify, relayed over mutual TLS, the upstream's `101` passed back, and bytes piped both ways
 * until one side closes. The upstream is a plain HTTPS server that switches protocols and echoes,
 * standing in for what the local control plane cannot do (it has no kubelet to exec into); the
 * gateway test drives the same path against a real API server up to its answer.
 */
let upstream: HttpsServer;
let app: FastifyInstance;
let targets: UpstreamTargets;
let appPort: number;
const seen: { headers: IncomingHttpHeaders; clientCertificateSubject: string | undefined; closed: boolean }[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hks-upgrade-"));
  const ca = await ensureCertificateAuthority(dir, "upgrade-test-ca");
  const serving = await ensureCertificate(dir, ca, { baseName: "server", commonName: "upstream", ipAddresses: ["127.0.0.1"], usage: "server" });
  const client = await ensureCertificate(dir, ca, { baseName: "client", commonName: "kubernetes-admin", organizations: ["system:masters"], usage: "client" });

  upstream = createHttpsServer({ cert: serving.certPem, key: serving.keyPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: true });
  upstream.on("upgrade", (request, socket: TLSSocket, head: Buffer) => {
    const record = { headers: request.headers, clientCertificateSubject: String(socket.getPeerCertificate().subject?.CN), closed: false };
    seen.push(record);
    if (request.url?.includes("refuse")) {
      socket.end("HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: 17\r\nSet-Cookie: x=y\r\n\r\n{\"message\":\"no\"}\n");
      return;
    }
    socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Protocol: v5.channel.k8s.io\r\n\r\n");
    if (head.length > 0) socket.write(head.toString().toUpperCase());
    socket.on("data", (chunk: Buffer) => socket.write(chunk.toString().toUpperCase()));
    socket.on("end", () => socket.end());
    socket.on("close", () => (record.closed = true));
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const server = `https://127.0.0.1:${(upstream.address() as AddressInfo).port}`;

  targets = createUpstreamTargets({
    load: async (workspaceId) => ({ workspaceId, organizationId: "org_1", hostNamespace: "ns", server, kubeconfig: "", caPem: ca.certPem, clientCertPem: client.certPem, clientKeyPem: client.keyPem, kubernetesVersion: "v1.35.4" }),
  });
  app = Fastify();
  installUpgradeRouting(app);
  app.get("/relay/*", async (request, reply) => {
    const upgrade = pendingUpgradeOf(request);
    if (!upgrade) return reply.code(400).send({ error: "not an upgrade" });
    void reply.hijack();
    const target = await targets.get("ws_1");
    const headers = upstreamRequestHeaders(headerMapOf(request.raw.rawHeaders), { user: "usr_bob", groups: ["grp_devs"] }, { ip: request.ip, upgrade: request.headers.upgrade });
    const outcome = await forwardUpgrade({ target: target!, method: "GET", path: request.url.replace("/relay", ""), headers, upgrade, response: reply.raw, signal: new AbortController().signal });
    await outcome.closed;
  });
  app.get("/plain", async () => ({ plain: true }));
  await app.listen({ port: 0, host: "127.0.0.1" });
  appPort = (app.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await app?.close();
  await targets?.close();
  await new Promise((resolve) => upstream?.close(resolve));
});

/** A raw client: the upgrade request (plus bytes sent right behind it), then a conversation. */
function openUpgrade(pathAndQuery: string, early = ""): Promise<{ socket: Socket; received: () => string; next: (pattern: RegExp) => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(appPort, "127.0.0.1");
    let received = "";
    const waiters = new Set<() => void>();
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      received += chunk;
      for (const waiter of waiters) waiter();
    });
    socket.once("error", reject);
    socket.once("connect", () => {
      socket.write(
        `GET ${pathAndQuery} HTTP/1.1\r\nHost: gateway\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Protocol: v5.channel.k8s.io\r\n` +
          `Authorization: Bearer secret\r\nImpersonate-User: kubernetes-admin\r\n\r\n${early}`,
      );
      resolve({
        socket,
        received: () => received,
        next: (pattern) =>
          new Promise<void>((done, fail) => {
            const check = () => {
              if (!pattern.test(received)) return;
              waiters.delete(check);
              done();
            };
            waiters.add(check);
            setTimeout(() => fail(new Error(`no ${pattern} in ${JSON.stringify(received)}`)), 5_000).unref();
            check();
          }),
      });
    });
  });
}

describe("relaying an upgraded connection", () => {
  it("passes the 101 back and pipes both ways, carrying the gateway's identity over mutual TLS", async () => {
    const client = await openUpgrade("/relay/api/v1/namespaces/a/pods/p/exec?command=sh", "early bytes;");
    await client.next(/101 Switching Protocols[\s\S]*\r\n\r\nEARLY BYTES;/);
    expect(client.received()).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Protocol: v5.channel.k8s.io\r\n\r\n/);
    client.socket.write("hello");
    await client.next(/HELLO$/);
    client.socket.write(" again");
    await client.next(/HELLO AGAIN$/);

    const request = seen.at(-1)!;
    expect(request.clientCertificateSubject).toBe("kubernetes-admin");
    expect(request.headers).toMatchObject({ "impersonate-user": "usr_bob", "impersonate-group": "grp_devs", upgrade: "websocket", connection: "Upgrade", "sec-websocket-protocol": "v5.channel.k8s.io" });
    expect(request.headers.authorization).toBeUndefined();

    client.socket.end();
    await new Promise((resolve) => client.socket.once("close", resolve));
    await expect.poll(() => request.closed).toBe(true);
  });

  it("relays a refusal as a plain response and closes the connection", async () => {
    const client = await openUpgrade("/relay/refuse");
    await new Promise((resolve) => client.socket.once("close", resolve));
    expect(client.received()).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(client.received()).toContain('{"message":"no"}');
    expect(client.received()).not.toMatch(/set-cookie/i);
    expect(client.received()).toMatch(/connection: close/i);
  });

  it("answers an upgrade request to an ordinary route over HTTP, then closes", async () => {
    const client = await openUpgrade("/plain");
    await new Promise((resolve) => client.socket.once("close", resolve));
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(client.received()).toContain('{"plain":true}');
  });
});
