/** What the loopback server answers the browser with once the sign-in is decided. */
export interface CallbackPage {
  status: number;
  html: string;
}

export function signedInPage(): CallbackPage {
  return page(200, "Signed in — you can close this tab", "hks is signed in. Return to your terminal.");
}

export function signInFailedPage(reason: string): CallbackPage {
  return page(400, "Sign-in failed", `${reason} Return to your terminal for details.`);
}

function page(status: number, title: string, message: string): CallbackPage {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2933}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body>
</html>
`;
  return { status, html };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
