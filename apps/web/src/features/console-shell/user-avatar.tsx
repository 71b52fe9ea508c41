"use client";

import { useState } from "react";
import type { SessionUser } from "@hks/contracts";
import { userInitials } from "./user-initials";

/**
 * The provider's picture, or the user's initials. Only https pictures are loaded (the page's CSP
 * allows `img-src https:`), without a referrer so the provider does not learn which console page
 * was open; a picture that fails to load falls back to the initials. Decorative: the name is
 * always written next to it.
 */
export function UserAvatar({ user, className = "size-8" }: { user: Pick<SessionUser, "name" | "email" | "avatarUrl">; className?: string }) {
  const [pictureFailed, setPictureFailed] = useState(false);
  const picture = user.avatarUrl?.startsWith("https://") && !pictureFailed ? user.avatarUrl : undefined;

  if (picture) {
    return (
      // A plain <img>: next/image would fetch third-party pictures through this server.
      <img src={picture} alt="" referrerPolicy="no-referrer" onError={() => setPictureFailed(true)} className={`${className} shrink-0 rounded-full object-cover`} />
    );
  }
  return (
    <span aria-hidden="true" className={`${className} flex shrink-0 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white`}>
      {userInitials(user)}
    </span>
  );
}
