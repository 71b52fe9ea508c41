/** Where an action happens: an organization, one of its workspaces, or a project in one. */
export interface AccessScope {
  organizationId: string;
  workspaceId?: string | undefined;
  projectId?: string | undefined;
}
