import { escapeHtml } from "../http/html-escape";

export interface LoginPageAccount {
  /** Submitted as `user=<value>` when this account's button is pressed. */
  value: string;
  name: string;
  detail: string;
}

export interface LoginPage {
  /** Which identity provider this page stands in for, e.g. "Development OIDC provider". */
  providerName: string;
  /** Who asked for the sign-in, shown so a developer can tell flows apart. */
  clientName: string;
  formAction: string;
  hiddenFields: Record<string, string>;
  accounts: readonly LoginPageAccount[];
}

/** Form field names shared by the page and `completeAuthorization`, which submits it without a browser. */
export const loginFormFields = { user: "user", cancel: "cancel" } as const;

/**
 * One form, one submit button per test user, no passwords: this page exists so a developer (or a
 * test) can pick an identity in one click. `data-dev-idp-login` marks the form for
 * `completeAuthorization`. Plain HTML with labelled controls so it works with a keyboard, a screen
 * reader and headless Chromium alike.
 */
export function renderLoginPage(page: LoginPage): string {
  const hidden = Object.entries(page.hiddenFields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n      ");
  const buttons = page.accounts
    .map(
      (account) =>
        `<li><button type="submit" name="${loginFormFields.user}" value="${escapeHtml(account.value)}">` +
        `Sign in as ${escapeHtml(account.name)} <span class="detail">(${escapeHtml(account.detail)})</span></button></li>`,
    )
    .join("\n        ");
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sign in – ${escapeHtml(page.providerName)}</title>
  <style>
    body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #111; }
    .warning { background: #fff4ce; border: 1px solid #c9a400; padding: 0.75rem; border-radius: 4px; }
    ul { list-style: none; padding: 0; }
    li { margin: 0.5rem 0; }
    button { width: 100%; padding: 0.75rem; font-size: 1rem; text-align: left; cursor: pointer; }
    button:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
    .detail { color: #444; }
    .cancel { margin-top: 1.5rem; }
  </style>
</head>
<body>
  <main>
    <h1>Sign in to ${escapeHtml(page.clientName)}</h1>
    <p class="warning" role="note">${escapeHtml(page.providerName)} for local development and tests only.
      There are no passwords: choose a test user.</p>
    <form method="post" action="${escapeHtml(page.formAction)}" data-dev-idp-login>
      ${hidden}
      <fieldset>
        <legend>Test users</legend>
        <ul>
        ${buttons}
        </ul>
      </fieldset>
      <p class="cancel"><button type="submit" name="${loginFormFields.cancel}" value="1">Cancel and deny access</button></p>
    </form>
  </main>
</body>
</html>
`;
}
