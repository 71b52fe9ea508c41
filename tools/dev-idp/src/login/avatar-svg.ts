import { escapeHtml } from "../http/html-escape";

/**
 * Test users' `picture` / `avatar_url` point at the identity provider itself, because the machine
 * has no internet: the dashboard in headless Chromium can still load a real image.
 */
export function renderAvatarSvg(displayName: string): string {
  const initials =
    displayName
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => word[0]?.toUpperCase() ?? "")
      .join("") || "?";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96" role="img" aria-label="${escapeHtml(displayName)}">
  <rect width="96" height="96" rx="48" fill="#3b5bdb"/>
  <text x="48" y="58" font-family="sans-serif" font-size="36" fill="#fff" text-anchor="middle">${escapeHtml(initials)}</text>
</svg>
`;
}
