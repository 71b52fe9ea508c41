/**
 * Links to one workspace carry its organization, so a link shared with someone (or opened in a
 * tab whose current organization differs) still finds it; the page switches to that organization.
 */
export function workspaceHref(orgId: string, wsId: string): string {
  return `/workspaces/${encodeURIComponent(wsId)}?org=${encodeURIComponent(orgId)}`;
}
