"use client";

import { useState, type ReactNode } from "react";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { AppError } from "@hks/contracts";
import { signInUrl } from "@/features/session/sign-in-url";

/**
 * A session can end while a page is open (revoked from another device, signed out in another
 * tab, past its absolute lifetime). The API client has already tried one refresh by the time a
 * call fails UNAUTHENTICATED, so the session is over: send the user to sign in, returning here.
 */
function redirectToSignInWhenSessionEnds(error: Error) {
  if (!(error instanceof AppError) || error.code !== "UNAUTHENTICATED") return;
  if (window.location.pathname.startsWith("/sign-in")) return;
  window.location.assign(signInUrl(`${window.location.pathname}${window.location.search}`, "session_expired"));
}

function createQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError: redirectToSignInWhenSessionEnds }),
    mutationCache: new MutationCache({ onError: redirectToSignInWhenSessionEnds }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Client errors (4xx) will not fix themselves; retry only what might be transient.
        retry: (failureCount, error) => failureCount < 2 && !(error instanceof AppError && error.status < 500),
      },
    },
  });
}

/** One QueryClient per browser tab (created in state, so server renders never share a cache). */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
