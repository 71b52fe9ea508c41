import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { gatewayUrlOf, renderKubeconfig, type KubeconfigInput } from "./render-kubeconfig";

const input: KubeconfigInput = {
  apiUrl: "https://kaas.example.com/",
  organization: { id: "org_1", slug: "acme" },
  workspace: { id: "ws_1", name: "dev" },
  namespaces: ["web", "api"],
  credential: { kind: "exec" },
};

describe("renderKubeconfig", () => {
  it("points the cluster at the workspace's gateway, with a context per project namespace", () => {
    const config = parse(renderKubeconfig(input));
    expect(config).toMatchObject({ apiVersion: "v1", kind: "Config", "current-context": "acme/dev" });
    expect(config.clusters).toEqual([{ name: "acme/dev", cluster: { server: "https://kaas.example.com/k8s/workspaces/ws_1" } }]);
    expect(config.contexts).toEqual([
      { name: "acme/dev", context: { cluster: "acme/dev", user: "acme/dev" } },
      { name: "acme/dev/api", context: { cluster: "acme/dev", user: "acme/dev", namespace: "api" } },
      { name: "acme/dev/web", context: { cluster: "acme/dev", user: "acme/dev", namespace: "web" } },
    ]);
  });

  it("runs hks as a v1 exec credential plugin that never prompts", () => {
    const config = parse(renderKubeconfig(input));
    expect(config.users).toEqual([
      {
        name: "acme/dev",
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1",
            command: "hks",
            args: ["--api-url", "https://kaas.example.com/", "kube", "credential", "--organization", "org_1", "--workspace", "ws_1"],
            interactiveMode: "Never",
            provideClusterInfo: false,
            installHint: expect.stringContaining("hks login"),
          },
        },
      },
    ]);
  });

  it("embeds a token and the API's private CA when asked, and says when the token expires", () => {
    const text = renderKubeconfig({ ...input, apiCaPem: "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n", credential: { kind: "token", token: "eyJ.kube", expiresAt: new Date("2030-01-01T00:00:00Z") } });
    const config = parse(text);
    expect(config.users[0].user).toEqual({ token: "eyJ.kube" });
    expect(Buffer.from(config.clusters[0].cluster["certificate-authority-data"], "base64").toString()).toContain("BEGIN CERTIFICATE");
    expect(text).toContain("expires at 2030-01-01T00:00:00.000Z");
  });

  it("names the gateway URL of a workspace", () => {
    expect(gatewayUrlOf("https://kaas.example.com/base/", "ws_9")).toBe("https://kaas.example.com/base/k8s/workspaces/ws_9");
  });
});
