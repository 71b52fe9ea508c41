import { CliError } from "../cli-error";

const ORGANIZATION_ID = /^org_[0-9a-z]{26}$/;
const WORKSPACE_ID = /^ws_[0-9a-z]{26}$/;

/**
 * Checks ids before they reach a URL or a file name (the token cache is keyed by workspace), so a
 * typo is a clear message rather than a 404, and no value can walk out of the cache directory.
 */
export function checkedKubeTarget(options: { organization: string; workspace: string }): { organizationId: string; workspaceId: string } {
  if (!ORGANIZATION_ID.test(options.organization)) throw new CliError(`--organization must be an organization id (org_…), not "${options.organization}"`);
  if (!WORKSPACE_ID.test(options.workspace)) throw new CliError(`--workspace must be a workspace id (ws_…), not "${options.workspace}"`);
  return { organizationId: options.organization, workspaceId: options.workspace };
}
