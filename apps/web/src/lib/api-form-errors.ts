import { AppError } from "@hks/contracts";

export interface FormErrors<Field extends string> {
  /** The API's own message (it never carries internals), or a generic one for a failure without one. */
  message: string;
  /** Per form field, what the API said about it (`details[].field` mapped onto the form). */
  fields: Partial<Record<Field, string>>;
}

/**
 * Spreads an API error over a form. `fieldOf` maps the API's field paths (`body.name`,
 * `body.quota.cpuMillicores`) to the form's fields by the longest matching prefix, so a rule on
 * `body.resources` also covers `body.resources.cpuMillicores`. Details naming no known field stay
 * in the message only. A validation failure's message repeats its details, so when every detail
 * found its field the message is replaced by a short summary instead.
 */
export function formErrorsFrom<Field extends string>(error: unknown, fieldOf: Readonly<Record<string, Field>>): FormErrors<Field> {
  if (!(error instanceof AppError)) return { message: "The request could not be sent. Check your connection and try again.", fields: {} };
  const fields: Partial<Record<Field, string>> = {};
  let unplaced = 0;
  const prefixes = Object.keys(fieldOf).sort((a, b) => b.length - a.length);
  for (const detail of error.details ?? []) {
    const path = detail.field ?? "";
    const prefix = prefixes.find((candidate) => path === candidate || path.startsWith(`${candidate}.`));
    const field = prefix === undefined ? undefined : fieldOf[prefix];
    if (field === undefined) {
      unplaced += 1;
      continue;
    }
    fields[field] = fields[field] ? `${fields[field]}; ${detail.message}` : detail.message;
  }
  const placed = Object.keys(fields).length > 0;
  const message = error.code === "VALIDATION_FAILED" && placed && unplaced === 0 ? "Some fields need attention." : error.message;
  return { message, fields };
}

/** The API's message for a failed request, for places with no form to spread it over. */
export function errorMessageOf(error: unknown): string {
  return error instanceof AppError ? error.message : "The request could not be sent. Check your connection and try again.";
}
