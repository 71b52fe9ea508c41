import type { Metadata } from "next";
import { BrandMark } from "@/components/brand-mark";
import { safeReturnPath } from "@/features/session/safe-return-path";
import { SessionResume } from "@/features/session/session-resume";

export const metadata: Metadata = { title: "Restoring your session" };

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Where the session gate sends a page request whose access token expired while the browser still
 * holds a refresh token: the browser renews the session here and goes back (gate-page-request.ts).
 */
export default async function SessionResumePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const next = (await searchParams).next;
  const candidate = safeReturnPath(Array.isArray(next) ? next[0] : next);
  // Returning to this page or to sign-in would only go round in circles.
  const returnPath = candidate && !candidate.startsWith("/session/") && !candidate.startsWith("/sign-in") ? candidate : "/dashboard";
  return (
    <main id="main-content" className="flex min-h-screen flex-col items-center justify-center gap-10 px-6">
      <BrandMark />
      <SessionResume returnPath={returnPath} />
    </main>
  );
}
