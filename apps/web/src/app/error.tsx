"use client";

import { BrandMark } from "@/components/brand-mark";

/**
 * Shown when rendering a page throws on the server or in the browser (the session gate already
 * answers 503 when the API is down, so this is the rarer case: an API failure mid-render or a bug).
 * Production hides the message; the digest matches the server log. `retry` re-fetches the segment.
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  return (
    <main id="main-content" className="flex min-h-screen flex-col items-center justify-center gap-6 px-6 text-center">
      <BrandMark />
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Something went wrong</h1>
        <p className="mt-2 max-w-md text-sm text-slate-600">
          This page could not be loaded. If it keeps happening, the platform may be unavailable; try again in a moment.
        </p>
        {digest ? <p className="mt-2 text-xs text-slate-600">Reference: {digest}</p> : null}
      </div>
      <button
        type="button"
        onClick={retry}
        className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        Try again
      </button>
    </main>
  );
}
