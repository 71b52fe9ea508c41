/**
 * The console's sections, in sidebar order. Each later issue replaces its section's placeholder
 * page; the empty-state copy here says what will live there so the shell is honest meanwhile.
 * Icon paths are Heroicons (MIT) outline glyphs.
 */
export interface ConsoleSection {
  href: string;
  label: string;
  description: string;
  iconPath: string;
  emptyTitle: string;
  emptyDescription: string;
}

export const dashboardSection: ConsoleSection = {
  href: "/dashboard",
  label: "Dashboard",
  description: "An overview of your organizations, workspaces and recent activity.",
  iconPath:
    "m2.25 12 8.954-8.955c.44-.439 1.152-.439 1.591 0L21.75 12M4.5 9.75v10.125c0 .621.504 1.125 1.125 1.125H9.75v-4.875c0-.621.504-1.125 1.125-1.125h2.25c.621 0 1.125.504 1.125 1.125V21h4.125c.621 0 1.125-.504 1.125-1.125V9.75M8.25 21h8.25",
  emptyTitle: "No organizations yet",
  emptyDescription:
    "Organizations hold your workspaces, members and billing. Once you belong to one, its workspaces and recent activity appear here.",
};

export const consoleSections = {
  organizations: {
    href: "/organizations",
    label: "Organizations",
    description: "Billing and membership boundaries for your teams.",
    iconPath:
      "M3.75 21h16.5M4.5 3h15M5.25 3v18m13.5-18v18M9 6.75h1.5m-1.5 3h1.5m-1.5 3h1.5m3-6H15m-1.5 3H15m-1.5 3H15M9 21v-3.375c0-.621.504-1.125 1.125-1.125h3.75c.621 0 1.125.504 1.125 1.125V21",
    emptyTitle: "No organizations yet",
    emptyDescription: "Organizations you create or are invited to will be listed here.",
  },
  workspaces: {
    href: "/workspaces",
    label: "Workspaces",
    description: "Virtual Kubernetes clusters, sized by plan and reachable with stock kubectl.",
    iconPath:
      "M5.25 14.25h13.5m-13.5 0a3 3 0 0 1-3-3m3 3a3 3 0 1 0 0 6h13.5a3 3 0 1 0 0-6m-16.5-3a3 3 0 0 1 3-3h13.5a3 3 0 0 1 3 3m-19.5 0a4.5 4.5 0 0 1 .9-2.7L5.737 5.1a3.375 3.375 0 0 1 2.7-1.35h7.126c1.062 0 2.062.5 2.7 1.35l2.587 3.45a4.5 4.5 0 0 1 .9 2.7m0 0a3 3 0 0 1-3 3m0 3h.008v.008h-.008v-.008Zm0-6h.008v.008h-.008v-.008Zm-3 6h.008v.008h-.008v-.008Zm0-6h.008v.008h-.008v-.008Z",
    emptyTitle: "No workspaces yet",
    emptyDescription: "Workspaces of your organizations, with their cluster status and kubeconfig downloads, will appear here.",
  },
  projects: {
    href: "/projects",
    label: "Projects",
    description: "Namespaces inside a workspace, with quotas and nested sub-projects.",
    iconPath:
      "M2.25 12.75V12A2.25 2.25 0 0 1 4.5 9.75h15A2.25 2.25 0 0 1 21.75 12v.75m-8.69-6.44-2.12-2.12a1.5 1.5 0 0 0-1.061-.44H4.5A2.25 2.25 0 0 0 2.25 6v12a2.25 2.25 0 0 0 2.25 2.25h15A2.25 2.25 0 0 0 21.75 18V9a2.25 2.25 0 0 0-2.25-2.25h-5.379a1.5 1.5 0 0 1-1.06-.44Z",
    emptyTitle: "No projects yet",
    emptyDescription: "Projects (namespaces) of your workspaces, with their quotas and headroom, will appear here.",
  },
  groups: {
    href: "/groups",
    label: "Groups & roles",
    description: "Who can do what: groups, their members and the roles bound to them.",
    iconPath:
      "M18 18.72a9.094 9.094 0 0 0 3.741-.479 3 3 0 0 0-4.682-2.72m.94 3.198.001.031c0 .225-.012.447-.037.666A11.944 11.944 0 0 1 12 21c-2.17 0-4.207-.576-5.963-1.584A6.062 6.062 0 0 1 6 18.719m12 0a5.971 5.971 0 0 0-.941-3.197m0 0A5.995 5.995 0 0 0 12 12.75a5.995 5.995 0 0 0-5.058 2.772m0 0a3 3 0 0 0-4.681 2.72 8.986 8.986 0 0 0 3.74.477m.94-3.197a5.971 5.971 0 0 0-.94 3.197M15 6.75a3 3 0 1 1-6 0 3 3 0 0 1 6 0Zm6 3a2.25 2.25 0 1 1-4.5 0 2.25 2.25 0 0 1 4.5 0Zm-13.5 0a2.25 2.25 0 1 1-4.5 0 2.25 2.25 0 0 1 4.5 0Z",
    emptyTitle: "No groups yet",
    emptyDescription: "Groups, their members and role bindings for each workspace will be managed here.",
  },
  billing: {
    href: "/billing",
    label: "Billing",
    description: "Plans, usage and invoices for your organizations.",
    iconPath:
      "M2.25 8.25h19.5M2.25 9h19.5m-16.5 5.25h6m-6 2.25h3m-3.75 3h15a2.25 2.25 0 0 0 2.25-2.25V6.75A2.25 2.25 0 0 0 19.5 4.5h-15a2.25 2.25 0 0 0-2.25 2.25v10.5A2.25 2.25 0 0 0 4.5 19.5Z",
    emptyTitle: "No billing information yet",
    emptyDescription: "Your organization's plan, usage and invoices will appear here.",
  },
  monitoring: {
    href: "/monitoring",
    label: "Monitoring",
    description: "Resource usage and health of your workspaces.",
    iconPath:
      "M3 13.125C3 12.504 3.504 12 4.125 12h2.25c.621 0 1.125.504 1.125 1.125v6.75C7.5 20.496 6.996 21 6.375 21h-2.25A1.125 1.125 0 0 1 3 19.875v-6.75ZM9.75 8.625c0-.621.504-1.125 1.125-1.125h2.25c.621 0 1.125.504 1.125 1.125v11.25c0 .621-.504 1.125-1.125 1.125h-2.25a1.125 1.125 0 0 1-1.125-1.125V8.625ZM16.5 4.125c0-.621.504-1.125 1.125-1.125h2.25C20.496 3 21 3.504 21 4.125v15.75c0 .621-.504 1.125-1.125 1.125h-2.25a1.125 1.125 0 0 1-1.125-1.125V4.125Z",
    emptyTitle: "Nothing to monitor yet",
    emptyDescription: "CPU, memory and storage usage of your running workspaces will be charted here.",
  },
  auditLog: {
    href: "/audit-log",
    label: "Audit log",
    description: "Every change made in your organizations, who made it and when.",
    iconPath:
      "M19.5 14.25v-2.625a3.375 3.375 0 0 0-3.375-3.375h-1.5A1.125 1.125 0 0 1 13.5 7.125v-1.5a3.375 3.375 0 0 0-3.375-3.375H8.25m0 12.75h7.5m-7.5 3H12M10.5 2.25H5.625c-.621 0-1.125.504-1.125 1.125v17.25c0 .621.504 1.125 1.125 1.125h12.75c.621 0 1.125-.504 1.125-1.125V11.25a9 9 0 0 0-9-9Z",
    emptyTitle: "No audit events yet",
    emptyDescription: "Changes to organizations, workspaces, projects and access will be recorded here.",
  },
  settings: {
    href: "/settings",
    label: "Settings",
    description: "Your profile, sessions and access tokens.",
    iconPath:
      "M10.5 6h9.75M10.5 6a1.5 1.5 0 1 1-3 0m3 0a1.5 1.5 0 1 0-3 0M3.75 6H7.5m3 12h9.75m-9.75 0a1.5 1.5 0 0 1-3 0m3 0a1.5 1.5 0 0 0-3 0m-3.75 0H7.5m9-6h3.75m-3.75 0a1.5 1.5 0 0 1-3 0m3 0a1.5 1.5 0 0 0-3 0m-9.75 0h9.75",
    emptyTitle: "No settings yet",
    emptyDescription: "Your profile, active sessions and personal access tokens will be managed here.",
  },
} satisfies Record<string, ConsoleSection>;

export type ConsoleSectionId = keyof typeof consoleSections;

export const sidebarSections: ConsoleSection[] = [dashboardSection, ...Object.values(consoleSections)];
