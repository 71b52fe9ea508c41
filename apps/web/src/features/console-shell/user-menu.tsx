"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import type { SessionUser } from "@hks/contracts";
import { signOut } from "@/features/session/sign-out";
import { UserAvatar } from "./user-avatar";

const itemClassName =
  "flex w-full items-center rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60";

/**
 * The signed-in user's menu: who they are, their security settings and "Sign out". A disclosure
 * (button + panel) rather than an ARIA `menu`, because it holds text as well as actions; Escape
 * and clicks outside close it.
 */
export function UserMenu({ user }: { user: SessionUser }) {
  const [open, setOpen] = useState(false);
  const [signOutState, setSignOutState] = useState<"idle" | "pending" | "failed">("idle");
  const panelId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const displayName = user.name.trim() || user.email;

  useEffect(() => {
    if (!open) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    }
    function onPointerDown(event: PointerEvent) {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
    };
  }, [open]);

  async function handleSignOut() {
    setSignOutState("pending");
    // On success the page is replaced by sign-in; staying here means it failed.
    await signOut().catch(() => setSignOutState("failed"));
  }

  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-2 rounded-full py-1 pr-2 pl-1 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        <UserAvatar user={user} />
        <span className="hidden sm:inline">{displayName}</span>
        <span className="sr-only">: account menu</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4 text-slate-500">
          <path fillRule="evenodd" d="M5.2 7.2a.75.75 0 0 1 1.06 0L10 10.94l3.74-3.74a.75.75 0 1 1 1.06 1.06l-4.27 4.27a.75.75 0 0 1-1.06 0L5.2 8.26a.75.75 0 0 1 0-1.06Z" clipRule="evenodd" />
        </svg>
      </button>

      <div
        id={panelId}
        hidden={!open}
        className="absolute right-0 z-20 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-2 shadow-lg"
      >
        <div className="flex items-center gap-3 px-3 py-2">
          <UserAvatar user={user} className="size-10" />
          <div className="min-w-0">
            <p className="truncate text-sm font-medium text-slate-900">{displayName}</p>
            {user.email !== displayName ? <p className="truncate text-xs text-slate-600">{user.email}</p> : null}
          </div>
        </div>
        <div className="my-1 border-t border-slate-200" />
        <Link href="/settings/security" onClick={() => setOpen(false)} className={itemClassName}>
          Security and sessions
        </Link>
        <button type="button" onClick={handleSignOut} disabled={signOutState === "pending"} className={itemClassName}>
          {signOutState === "pending" ? "Signing out…" : "Sign out"}
        </button>
        {signOutState === "failed" ? (
          <p role="alert" className="px-3 py-1 text-xs text-red-700">
            Sign-out failed. Please try again.
          </p>
        ) : null}
      </div>
    </div>
  );
}
