import { z } from "zod";

/**
 * What the shell needs to know about the signed-in user, as answered by `GET /auth/me`.
 *
 * Provisional: the identity module (issue 4) owns this shape and should publish it from
 * `@hks/contracts`; this local schema then becomes an import. It accepts extra fields and parses
 * only what the shell shows, so the API can grow the response without breaking the web app.
 */
export const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string().nullish(),
  name: z.string().nullish(),
  avatarUrl: z.string().nullish(),
});

export type SessionUser = z.infer<typeof sessionUserSchema>;
