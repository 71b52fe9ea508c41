import { loginFormFields } from "./login-page";

export interface ParsedLoginForm {
  action: URL;
  hiddenFields: Record<string, string>;
  /** The `value` of each "Sign in as …" button: e-mail for OIDC, login for GitHub. */
  userChoices: string[];
}

const loginFormPattern = /<form\b([^>]*\bdata-dev-idp-login\b[^>]*)>([\s\S]*?)<\/form>/i;

/**
 * Reads the dev login page (ours, so a few regular expressions suffice). Returns undefined for any
 * other page, which `completeAuthorization` reports as an unexpected answer.
 */
export function parseLoginForm(html: string, pageUrl: URL): ParsedLoginForm | undefined {
  const form = loginFormPattern.exec(html);
  if (!form) return undefined;
  const formAttributes = parseAttributes(form[1] ?? "");
  const body = form[2] ?? "";

  const hiddenFields: Record<string, string> = {};
  for (const [, attributeText = ""] of body.matchAll(/<input\b([^>]*)>/gi)) {
    const attributes = parseAttributes(attributeText);
    if (attributes.type === "hidden" && attributes.name !== undefined) {
      hiddenFields[attributes.name] = attributes.value ?? "";
    }
  }
  const userChoices: string[] = [];
  for (const [, attributeText = ""] of body.matchAll(/<button\b([^>]*)>/gi)) {
    const attributes = parseAttributes(attributeText);
    if (attributes.name === loginFormFields.user && attributes.value !== undefined) userChoices.push(attributes.value);
  }
  return { action: new URL(formAttributes.action ?? pageUrl.href, pageUrl), hiddenFields, userChoices };
}

function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [, name = "", value = ""] of text.matchAll(/([\w-]+)="([^"]*)"/g)) {
    attributes[name.toLowerCase()] = unescapeHtml(value);
  }
  return attributes;
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
