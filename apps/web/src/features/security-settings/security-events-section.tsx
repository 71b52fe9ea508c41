"use client";

import { SectionCard } from "@/components/section-card";
import { LoadFailedMessage } from "@/components/load-failed-message";
import { SecurityEventRow } from "./security-event-row";
import { useSecurityEvents } from "./use-security-events";

/** My recent sign-in and security events, newest first, with "Load more" for older ones. */
export function SecurityEventsSection() {
  const events = useSecurityEvents();
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <SectionCard
      id="security-activity"
      title="Recent security activity"
      description="Sign-ins, sign-outs, session changes and blocked requests on your account, newest first."
    >
      {events.isPending ? (
        <p className="px-6 py-5 text-sm text-slate-600">Loading your security activity…</p>
      ) : events.isError && rows.length === 0 ? (
        <LoadFailedMessage what="your security activity" onRetry={() => void events.refetch()} />
      ) : rows.length === 0 ? (
        <p className="px-6 py-5 text-sm text-slate-600">No security events yet.</p>
      ) : (
        <>
          {/*
            Scrolls sideways on narrow screens; focusable so keyboard users can scroll it too.
            `relative` keeps the cells' visually hidden text inside the scroll area instead of
            widening the whole page.
          */}
          <div role="region" aria-label="Security events" tabIndex={0} className="relative overflow-x-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Security events, newest first</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-6 py-3">Event</th>
                  <th scope="col" className="px-3 py-3">Result</th>
                  <th scope="col" className="px-3 py-3">When</th>
                  <th scope="col" className="px-3 py-3">IP address</th>
                  <th scope="col" className="px-3 py-3 pr-6">Device</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {rows.map((event) => (
                  <SecurityEventRow key={event.id} event={event} />
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex items-center justify-between gap-3 border-t border-slate-200 px-6 py-4 text-sm text-slate-600">
            <p role="status">
              {events.isFetchNextPageError ? "Older events could not be loaded. Please try again." : `Showing ${rows.length} ${rows.length === 1 ? "event" : "events"}`}
            </p>
            {events.hasNextPage ? (
              <button
                type="button"
                onClick={() => void events.fetchNextPage()}
                disabled={events.isFetchingNextPage}
                className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-semibold text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60"
              >
                {events.isFetchingNextPage ? "Loading…" : "Load more"}
              </button>
            ) : null}
          </div>
        </>
      )}
    </SectionCard>
  );
}
