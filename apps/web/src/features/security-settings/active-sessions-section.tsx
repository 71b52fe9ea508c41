"use client";

import { useRef, useState } from "react";
import { SectionCard } from "@/components/section-card";
import { LoadFailedMessage } from "@/components/load-failed-message";
import { SessionListItem, type ActiveSession } from "./session-list-item";
import { useActiveSessions } from "./use-active-sessions";
import { useProviderNames } from "./use-provider-names";
import { useRevokeOtherSessions } from "./use-revoke-other-sessions";
import { useRevokeSession } from "./use-revoke-session";

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Where I am signed in, with a way to end any other session or all of them at once. Outcomes are
 * announced in a polite live region, which also takes focus after a row disappears so keyboard
 * users are not dropped at the top of the page.
 */
export function ActiveSessionsSection() {
  const sessions = useActiveSessions();
  const providerName = useProviderNames();
  const revokeSession = useRevokeSession();
  const revokeOthers = useRevokeOtherSessions();
  const [outcome, setOutcome] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);

  const otherCount = sessions.data?.filter((session) => !session.current).length ?? 0;

  function announce(tone: "success" | "error", text: string) {
    setOutcome({ tone, text });
    outcomeRef.current?.focus();
  }

  function handleRevoke(session: ActiveSession) {
    setOutcome(null);
    revokeSession.mutate(session.id, {
      onSuccess: () => announce("success", "That session has been signed out."),
      onError: () => announce("error", "That session could not be signed out. Please try again."),
    });
  }

  function handleRevokeOthers() {
    setOutcome(null);
    revokeOthers.mutate(undefined, {
      onSuccess: (revoked) =>
        announce("success", revoked === 0 ? "No other session was active." : `Signed out of ${plural(revoked, "other session", "other sessions")}.`),
      onError: () => announce("error", "The other sessions could not be signed out. Please try again."),
    });
  }

  return (
    <SectionCard
      id="active-sessions"
      title="Active sessions"
      description="Browsers and command-line clients signed in to your account. If you don't recognize one, sign it out."
      actions={
        <button
          type="button"
          onClick={handleRevokeOthers}
          disabled={otherCount === 0 || revokeOthers.isPending}
          className="rounded-lg border border-red-300 bg-white px-3 py-2 text-sm font-semibold text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-600 disabled:cursor-not-allowed disabled:border-slate-200 disabled:text-slate-500 disabled:hover:bg-white"
        >
          {revokeOthers.isPending ? "Signing out…" : "Sign out all other sessions"}
        </button>
      }
    >
      <p
        ref={outcomeRef}
        tabIndex={-1}
        role="status"
        className={outcome ? `border-b border-slate-200 px-6 py-3 text-sm focus:outline-none ${outcome.tone === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-900"}` : "sr-only"}
      >
        {outcome?.text}
      </p>

      {sessions.isPending ? (
        <p className="px-6 py-5 text-sm text-slate-600">Loading your sessions…</p>
      ) : sessions.isError ? (
        <LoadFailedMessage what="your sessions" onRetry={() => void sessions.refetch()} />
      ) : (
        <ul aria-label="Active sessions" className="divide-y divide-slate-200">
          {sessions.data.map((session) => (
            <SessionListItem
              key={session.id}
              session={session}
              providerName={providerName(session.provider)}
              revoking={revokeSession.isPending && revokeSession.variables === session.id}
              onRevoke={handleRevoke}
            />
          ))}
        </ul>
      )}
    </SectionCard>
  );
}
