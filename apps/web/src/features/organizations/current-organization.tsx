"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { OrganizationResponse } from "@hks/contracts";
import { chooseCurrentOrganization, readRememberedOrganizationId, rememberOrganizationId } from "./current-organization-choice";
import { useOrganizations } from "./use-organizations";

export type CurrentOrganizationState =
  | { status: "loading" }
  | { status: "error"; error: Error; retry: () => void }
  | { status: "ready"; organizations: OrganizationResponse[]; current: OrganizationResponse | null };

interface CurrentOrganizationValue {
  state: CurrentOrganizationState;
  /** Makes `organizationId` the current organization for this tab and remembers it for this browser. */
  select: (organizationId: string) => void;
}

const CurrentOrganizationContext = createContext<CurrentOrganizationValue | null>(null);

/**
 * The organization the console works in, shared by the header's switcher and every page. The
 * choice lives in this tab's state (so another tab switching does not pull this one along) and is
 * remembered for the next visit; it is only ever shown once checked against my organizations.
 */
export function CurrentOrganizationProvider({ children }: { children: ReactNode }) {
  const organizations = useOrganizations();
  // Read once per tab. The server renders "loading" (no organizations yet) whatever this is, so
  // reading storage here cannot make the first client render differ from the server's.
  const [chosenId, setChosenId] = useState<string | null>(readRememberedOrganizationId);

  const select = useCallback((organizationId: string) => {
    setChosenId(organizationId);
    rememberOrganizationId(organizationId);
  }, []);

  const { data, error, refetch } = organizations;
  const state = useMemo<CurrentOrganizationState>(() => {
    if (data) return { status: "ready", organizations: data, current: chooseCurrentOrganization(data, chosenId) };
    if (error) return { status: "error", error, retry: () => void refetch() };
    return { status: "loading" };
  }, [data, error, refetch, chosenId]);

  const value = useMemo(() => ({ state, select }), [state, select]);
  return <CurrentOrganizationContext.Provider value={value}>{children}</CurrentOrganizationContext.Provider>;
}

export function useCurrentOrganization(): CurrentOrganizationValue {
  const value = useContext(CurrentOrganizationContext);
  if (!value) throw new Error("useCurrentOrganization must be used inside CurrentOrganizationProvider (the console layout)");
  return value;
}
