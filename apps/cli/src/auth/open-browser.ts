import { spawn } from "node:child_process";

/**
 * Asks the desktop to open `url` (`open` on macOS, `xdg-open` elsewhere) and does not wait. A
 * missing opener or a headless machine is not an error: the URL is always printed as well. The
 * URL is passed as an argument, never through a shell.
 */
export function openInBrowser(url: string): void {
  const opener = process.platform === "darwin" ? "open" : "xdg-open";
  try {
    const child = spawn(opener, [url], { stdio: "ignore", detached: true });
    child.on("error", () => {});
    child.unref();
  } catch {
    // spawn can throw synchronously (e.g. EACCES); the printed URL still works.
  }
}
