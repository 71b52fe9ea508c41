/**
 * Where the end-to-end stack listens. Ports differ from the local-run defaults (8080 / 3000) so a
 * developer's running platform never answers in place of the stack under test.
 */
export const apiOrigin = "http://127.0.0.1:18080";
export const webOrigin = "http://127.0.0.1:13000";
