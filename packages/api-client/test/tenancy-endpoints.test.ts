import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiClient } from "../src/index";
import { createFakeFetch, envelope, json } from "./fake-fetch";

const at = "2026-01-05T12:00:00.000Z";
const amounts = { cpuMillicores: 4000, memoryMib: 8192, storageGib: 50 };
const workspace = {
  id: "ws_1",
  organizationId: "org_1",
  name: "dev",
  description: "",
  planId: "starter-shared",
  kubernetesVersion: "v1.35.4",
  status: "PENDING_CREATION",
  statusReason: null,
  resources: amounts,
  allocated: { cpuMillicores: 0, memoryMib: 0, storageGib: 0 },
  free: amounts,
  createdBy: "usr_1",
  createdAt: at,
  updatedAt: at,
  version: 1,
};
const operation = { workspaceId: "ws_1", status: "STOPPING", taskId: "task_01" };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("tenancy endpoints", () => {
  it("lists a page of workspaces with the cursor and filters in the query", async () => {
    const fake = createFakeFetch(() => json(200, { items: [workspace], nextCursor: "c2" }));
    const page = await createApiClient({ baseUrl: "", fetch: fake.fetch }).workspaces("org_1", { limit: 20, cursor: "c1", status: "RUNNING" });

    expect(fake.requests[0]?.url).toBe("/api/v1/organizations/org_1/workspaces?limit=20&cursor=c1&status=RUNNING");
    expect(page.nextCursor).toBe("c2");
    expect(page.items[0]?.name).toBe("dev");
  });

  it("encodes ids into the path, so an id cannot name another route", async () => {
    const fake = createFakeFetch(() => json(200, workspace));
    await createApiClient({ baseUrl: "", fetch: fake.fetch }).workspace("org_1", "../../tasks");
    expect(fake.requests[0]?.url).toBe("/api/v1/organizations/org_1/workspaces/..%2F..%2Ftasks");
  });

  it("posts a new workspace as JSON with the CSRF token", async () => {
    vi.stubGlobal("document", { cookie: "hks_csrf=token" });
    const fake = createFakeFetch(() => json(201, workspace));
    await createApiClient({ baseUrl: "", fetch: fake.fetch }).createWorkspace("org_1", { name: "dev", planId: "starter-shared" });

    const [request] = fake.requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/api/v1/organizations/org_1/workspaces");
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(request?.headers.get("x-csrf-token")).toBe("token");
    expect(JSON.parse(request?.body ?? "null")).toEqual({ name: "dev", planId: "starter-shared" });
  });

  it("starts lifecycle operations without a body and resolves to the task", async () => {
    const fake = createFakeFetch(() => json(202, operation));
    const api = createApiClient({ baseUrl: "", fetch: fake.fetch });

    await expect(api.operateWorkspace("org_1", "ws_1", "stop")).resolves.toEqual(operation);
    await api.deleteWorkspace("org_1", "ws_1");

    expect(fake.requests.map((request) => `${request.method} ${request.url} ${request.body ?? "-"}`)).toEqual([
      "POST /api/v1/organizations/org_1/workspaces/ws_1/vcluster/stop -",
      "DELETE /api/v1/organizations/org_1/workspaces/ws_1 -",
    ]);
  });

  it("passes INVALID_STATE through with the API's message", async () => {
    const fake = createFakeFetch(() => envelope(409, "INVALID_STATE", "A workspace that is STOPPED cannot be stopped now"));
    await expect(createApiClient({ baseUrl: "", fetch: fake.fetch }).operateWorkspace("org_1", "ws_1", "stop")).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "A workspace that is STOPPED cannot be stopped now",
      httpStatus: 409,
    });
  });

  it("narrows the organization's tasks to one workspace", async () => {
    const fake = createFakeFetch(() => json(200, { items: [], nextCursor: null }));
    await createApiClient({ baseUrl: "", fetch: fake.fetch }).tasks("org_1", { workspaceId: "ws_1", limit: 1 });
    expect(fake.requests[0]?.url).toBe("/api/v1/organizations/org_1/tasks?limit=1&workspaceId=ws_1");
  });
});
