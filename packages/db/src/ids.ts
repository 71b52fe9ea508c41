import { typeid } from "typeid-js";

/**
 * Prefixed, time-sortable ids (TypeID: a type prefix plus a UUIDv7 in base32). The prefix makes
 * an id self-describing in logs and URLs (`org_01jd…` cannot be mistaken for a workspace), and the
 * UUIDv7 core sorts by creation time, which keeps B-tree inserts local and cursors stable.
 */
export const idPrefixes = {
  organization: "org",
  user: "usr",
  identity: "idn",
  workspace: "ws",
  project: "prj",
  group: "grp",
  role: "role",
  roleBinding: "rb",
  task: "task",
  outbox: "obx",
  auditEvent: "aud",
  session: "ses",
  refreshToken: "rt",
  invitation: "inv",
  backup: "bkp",
} as const;

export type IdKind = keyof typeof idPrefixes;
export type IdPrefix = (typeof idPrefixes)[IdKind];

export function newId<K extends IdKind>(kind: K): `${(typeof idPrefixes)[K]}_${string}` {
  return typeid(idPrefixes[kind]).toString() as `${(typeof idPrefixes)[K]}_${string}`;
}

const idPattern = /^([a-z]+)_[0-7][0-9a-hjkmnp-tv-z]{25}$/;

/** True when `value` is a well-formed id of the given kind (used to reject junk before a query). */
export function isIdOf(kind: IdKind, value: string): boolean {
  const match = idPattern.exec(value);
  return match !== null && match[1] === idPrefixes[kind];
}
