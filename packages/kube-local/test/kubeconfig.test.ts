import { KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { renderKubeconfig } from "../src/kubeconfig";

describe("renderKubeconfig", () => {
  const input = {
    name: "vcluster_ws-1_team-a",
    server: "https://127.0.0.1:40123",
    caPem: "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n",
    clientCertPem: "-----BEGIN CERTIFICATE-----\nCLIENT\n-----END CERTIFICATE-----\n",
    clientKeyPem: "-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n",
  };

  it("produces a kubeconfig a Kubernetes client loads, with everything embedded", () => {
    const config = new KubeConfig();
    config.loadFromString(renderKubeconfig(input));
    expect(config.getCurrentContext()).toBe(input.name);
    const cluster = config.getCurrentCluster();
    expect(cluster?.server).toBe(input.server);
    expect(Buffer.from(cluster?.caData ?? "", "base64").toString()).toBe(input.caPem);
    const user = config.getCurrentUser();
    expect(Buffer.from(user?.certData ?? "", "base64").toString()).toBe(input.clientCertPem);
    expect(Buffer.from(user?.keyData ?? "", "base64").toString()).toBe(input.clientKeyPem);
  });

  it("sets the context namespace when given, and quotes names safely", () => {
    const config = new KubeConfig();
    config.loadFromString(renderKubeconfig({ ...input, name: 'odd: "name" #1', namespace: "team-a" }));
    expect(config.getCurrentContext()).toBe('odd: "name" #1');
    expect(config.getContextObject(config.getCurrentContext())?.namespace).toBe("team-a");
  });
});
