/** Runs once when the server starts, before it serves a request. */
export async function register() {
  // Node-only module (it may exit the process), so it is imported only in the Node.js runtime.
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./exit-on-api-origin-mismatch");
}
