"use client";

import { useEffect, useState } from "react";
import { refreshBrowserSession } from "./refresh-browser-session";
import { RESUME_ATTEMPT_SECONDS, sessionCookies } from "./session-cookies";
import { signInUrl } from "./sign-in-url";

type ResumeState = "renewing" | "unreachable";

/**
 * Renews an expired access token, then goes back to `returnPath`; if the session cannot be
 * renewed, goes to sign-in (returning there afterwards). `location.replace` keeps this page out of
 * the history, so Back does not land on it again.
 */
export function SessionResume({ returnPath }: { returnPath: string }) {
  const [state, setState] = useState<ResumeState>("renewing");
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    refreshBrowserSession().then(
      (renewed) => {
        if (cancelled) return;
        if (!renewed) {
          window.location.replace(signInUrl(returnPath, "session_expired"));
          return;
        }
        // Tells the gate a refresh was just tried (see session-cookies.ts); it holds no secret.
        document.cookie = `${sessionCookies.resumeAttempted}=1; path=/; max-age=${RESUME_ATTEMPT_SECONDS}; samesite=strict`;
        window.location.replace(returnPath);
      },
      () => {
        if (!cancelled) setState("unreachable");
      },
    );
    return () => {
      cancelled = true;
    };
  }, [returnPath, attempt]);

  if (state === "unreachable") {
    return (
      <div role="alert" className="text-center">
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">We could not restore your session</h1>
        <p className="mt-2 text-sm text-slate-600">The platform did not answer. This is usually temporary.</p>
        <div className="mt-6 flex justify-center gap-3">
          <button
            type="button"
            onClick={() => {
              setState("renewing");
              setAttempt((value) => value + 1);
            }}
            className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            Try again
          </button>
          <a
            href={signInUrl(returnPath)}
            className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            Sign in again
          </a>
        </div>
      </div>
    );
  }

  return (
    <div role="status" className="flex flex-col items-center gap-4 text-center">
      <span aria-hidden="true" className="size-8 animate-spin rounded-full border-4 border-indigo-100 border-t-indigo-600 motion-reduce:animate-none" />
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Restoring your session…</h1>
      <p className="text-sm text-slate-600">One moment; you will be back where you were.</p>
    </div>
  );
}
