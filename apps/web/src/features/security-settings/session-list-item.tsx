"use client";

import type { z } from "zod";
import type { sessionSchema } from "@hks/contracts";
import { OutlineIcon } from "@/components/outline-icon";
import { describeUserAgent } from "./describe-user-agent";
import { TimeAgo } from "@/components/time-ago";

export type ActiveSession = z.infer<typeof sessionSchema>;

const desktopIcon =
  "M9 17.25v1.007a3 3 0 0 1-.879 2.122L7.5 21h9l-.621-.621A3 3 0 0 1 15 18.257V17.25m6-12V15a2.25 2.25 0 0 1-2.25 2.25H5.25A2.25 2.25 0 0 1 3 15V5.25m18 0A2.25 2.25 0 0 0 18.75 3H5.25A2.25 2.25 0 0 0 3 5.25m18 0V12a2.25 2.25 0 0 1-2.25 2.25H5.25A2.25 2.25 0 0 1 3 12V5.25";
const terminalIcon =
  "m6.75 7.5 3 2.25-3 2.25m4.5 0h3m-9 8.25h13.5A2.25 2.25 0 0 0 21 18V6a2.25 2.25 0 0 0-2.25-2.25H5.25A2.25 2.25 0 0 0 3 6v12a2.25 2.25 0 0 0 2.25 2.25Z";

/**
 * One signed-in device: what it is, how and where it signed in, when it was last active. Other
 * sessions get "Sign out this session"; the current one is marked instead (the account menu's
 * "Sign out" ends it).
 */
export function SessionListItem(props: {
  session: ActiveSession;
  providerName: string;
  revoking: boolean;
  onRevoke: (session: ActiveSession) => void;
}) {
  const { session } = props;
  const device = session.client === "cli" ? `Command line (${describeUserAgent(session.userAgent)})` : describeUserAgent(session.userAgent);
  return (
    <li className="flex gap-4 px-6 py-4">
      <span aria-hidden="true" className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-slate-100 text-slate-600">
        <OutlineIcon path={session.client === "cli" ? terminalIcon : desktopIcon} className="size-5" />
      </span>
      {/* Text and action side by side on wide screens; the action moves under the text on narrow ones. */}
      <div className="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
            <span>{device}</span>
            {session.current ? (
              <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-semibold text-emerald-800 ring-1 ring-emerald-200 ring-inset">
                This device
              </span>
            ) : null}
          </p>
          <p className="mt-1 text-sm text-slate-600">
            Signed in with {props.providerName} <span aria-hidden="true">·</span> IP address {session.lastSeenIp}
          </p>
          <p className="mt-0.5 text-sm text-slate-600">
            Last active <TimeAgo iso={session.lastSeenAt} /> <span aria-hidden="true">·</span> Signed in{" "}
            <TimeAgo iso={session.createdAt} />
          </p>
        </div>
        {session.current ? null : (
          <button
            type="button"
            onClick={() => props.onRevoke(session)}
            disabled={props.revoking}
            className="shrink-0 self-start rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60"
          >
            {props.revoking ? "Signing out…" : "Sign out this session"}
            <span className="sr-only">: {device}</span>
          </button>
        )}
      </div>
    </li>
  );
}
