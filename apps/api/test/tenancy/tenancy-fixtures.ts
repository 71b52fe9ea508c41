import type { OrganizationRole, WorkspaceRole } from "@hks/contracts";
import type { InjectOptions } from "fastify";
import type { SignedInUser, TenancyTestbed } from "./tenancy-testbed";

/**
 * Builds tenants through the API, as a client would: organizations, members, workspaces (which
 * come with the preset roles) and projects. Each helper fails loudly with the response body.
 */
export function tenancyFixtures(t: TenancyTestbed) {
  async function expectStatus(user: SignedInUser, options: InjectOptions, status: number) {
    const response = await t.call(user, options);
    if (response.statusCode !== status) throw new Error(`${options.method} ${options.url} answered ${response.statusCode}: ${response.body}`);
    return response.json();
  }

  return {
    async organization(owner: SignedInUser, name = "Fixture org"): Promise<string> {
      return (await expectStatus(owner, { method: "POST", url: "/api/v1/organizations", payload: { name } }, 201)).id;
    },

    async join(owner: SignedInUser, orgId: string, user: SignedInUser, role: OrganizationRole = "member"): Promise<void> {
      const invitation = await expectStatus(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/invitations`, payload: { email: user.email, role } }, 201);
      await expectStatus(user, { method: "POST", url: "/api/v1/invitations/accept", payload: { token: invitation.token } }, 200);
    },

    async workspace(owner: SignedInUser, orgId: string, name: string): Promise<string> {
      return (await expectStatus(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/workspaces`, payload: { name, planId: "enterprise-shared" } }, 201)).id;
    },

    async workspaceMember(owner: SignedInUser, orgId: string, wsId: string, userId: string, role: WorkspaceRole): Promise<void> {
      await expectStatus(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/workspaces/${wsId}/members`, payload: { userId, role } }, 201);
    },

    async project(owner: SignedInUser, orgId: string, wsId: string, name: string, parentId: string | null = null): Promise<string> {
      return (await expectStatus(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/workspaces/${wsId}/projects`, payload: { name, parentId } }, 201)).id;
    },
  };
}
