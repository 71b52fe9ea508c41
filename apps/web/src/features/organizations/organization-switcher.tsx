"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { Spinner } from "@/components/spinner";
import { CreateOrganizationForm } from "./create-organization-form";
import { useCurrentOrganization } from "./current-organization";
import { organizationRoleLabel } from "./organization-role-label";

/** Pages that show one thing of one organization; after switching, they make no sense, so the section's list opens instead. */
function pageAfterSwitch(pathname: string): string | null {
  if (pathname.startsWith("/workspaces/")) return "/workspaces";
  if (pathname === "/projects") return "/projects";
  return null;
}

const itemClassName =
  "flex w-full items-center justify-between gap-3 rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

/**
 * The current organization, and a way to switch or create one, in the header. A disclosure like
 * the account menu (it holds a form as well as choices); the current organization is marked with
 * `aria-current`, Escape and clicks outside close it, and focus returns to its button.
 */
export function OrganizationSwitcher() {
  const { state, select } = useCurrentOrganization();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  const router = useRouter();

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

  function switchTo(organizationId: string) {
    const changed = state.status === "ready" && state.current?.id !== organizationId;
    select(organizationId);
    setOpen(false);
    buttonRef.current?.focus();
    const next = changed ? pageAfterSwitch(pathname) : null;
    if (next) router.push(next);
  }

  const current = state.status === "ready" ? state.current : null;
  const buttonText =
    state.status === "loading" ? "Loading organizations…" : state.status === "error" ? "Organizations unavailable" : (current?.name ?? "Create an organization");

  return (
    <div ref={containerRef} className="relative min-w-0">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="flex max-w-64 min-w-0 items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-1.5 text-left text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        {state.status === "loading" ? <Spinner className="size-4 text-slate-500" /> : null}
        <span className="min-w-0">
          <span className="block text-xs text-slate-600">Organization</span>
          <span className="block truncate font-medium text-slate-900">{buttonText}</span>
        </span>
        <span className="sr-only">: switch or create an organization</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4 shrink-0 text-slate-500">
          <path fillRule="evenodd" d="M5.2 7.2a.75.75 0 0 1 1.06 0L10 10.94l3.74-3.74a.75.75 0 1 1 1.06 1.06l-4.27 4.27a.75.75 0 0 1-1.06 0L5.2 8.26a.75.75 0 0 1 0-1.06Z" clipRule="evenodd" />
        </svg>
      </button>

      <div id={panelId} hidden={!open} className="absolute left-0 z-20 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
        {state.status === "error" ? (
          <div role="alert" className="space-y-2 px-3 py-2 text-sm text-red-800">
            <p>Your organizations could not be loaded.</p>
            <button type="button" onClick={state.retry} className={itemClassName}>
              Try again
            </button>
          </div>
        ) : state.status === "ready" && state.organizations.length > 0 ? (
          <>
            <p id={`${panelId}-label`} className="px-3 pt-1 pb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
              Your organizations
            </p>
            <ul aria-labelledby={`${panelId}-label`} className="max-h-72 overflow-y-auto">
              {state.organizations.map((organization) => {
                const isCurrent = organization.id === current?.id;
                return (
                  <li key={organization.id}>
                    <button type="button" aria-current={isCurrent ? "true" : undefined} onClick={() => switchTo(organization.id)} className={itemClassName}>
                      <span className="min-w-0">
                        <span className={`block truncate ${isCurrent ? "font-semibold text-slate-900" : ""}`}>{organization.name}</span>
                        <span className="block text-xs text-slate-600">{organizationRoleLabel(organization.myRole)}</span>
                      </span>
                      {isCurrent ? (
                        <span className="shrink-0 text-xs font-semibold text-indigo-700">
                          Current<span className="sr-only"> organization</span>
                        </span>
                      ) : null}
                    </button>
                  </li>
                );
              })}
            </ul>
            <div className="my-2 border-t border-slate-200" />
          </>
        ) : state.status === "ready" ? (
          <p className="px-3 py-2 text-sm text-slate-600">You don&apos;t belong to any organization yet. Create one to hold your workspaces.</p>
        ) : null}
        {state.status === "ready" ? (
          <div className="px-3 pt-1 pb-2">
            <p className="mb-2 text-sm font-medium text-slate-900">New organization</p>
            <CreateOrganizationForm layout="stacked" onCreated={(organization) => switchTo(organization.id)} />
          </div>
        ) : null}
      </div>
    </div>
  );
}
