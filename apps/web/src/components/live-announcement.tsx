"use client";

import { useCallback, useRef, useState, type RefObject } from "react";

export type AnnouncementTone = "progress" | "success" | "error";

export interface Announcement {
  tone: AnnouncementTone;
  text: string;
}

/**
 * The outcome of what the user just did, said in words: a polite live region (`role="status"`)
 * that screen readers read as it changes. `announce(…, { focus: true })` also moves focus to it,
 * for when the control the user acted on is gone (a deleted row, a closed dialog) so keyboard
 * users are not dropped at the top of the page.
 */
export function useAnnouncement(): {
  announcement: Announcement | null;
  announce: (tone: AnnouncementTone, text: string, options?: { focus?: boolean }) => void;
  clear: () => void;
  ref: RefObject<HTMLParagraphElement | null>;
} {
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const ref = useRef<HTMLParagraphElement>(null);
  const announce = useCallback((tone: AnnouncementTone, text: string, options: { focus?: boolean } = {}) => {
    setAnnouncement({ tone, text });
    if (options.focus) requestAnimationFrame(() => ref.current?.focus());
  }, []);
  const clear = useCallback(() => setAnnouncement(null), []);
  return { announcement, announce, clear, ref };
}

const toneClassName: Record<AnnouncementTone, string> = {
  progress: "border-indigo-200 bg-indigo-50 text-indigo-900",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  error: "border-red-200 bg-red-50 text-red-800",
};

/** The region itself; always rendered (empty when there is nothing to say), so the first message is read too. */
export function LiveAnnouncement(props: { announcement: Announcement | null; announcementRef: RefObject<HTMLParagraphElement | null>; className?: string }) {
  const { announcement } = props;
  return (
    <p
      ref={props.announcementRef}
      tabIndex={-1}
      role="status"
      className={announcement ? `rounded-lg border px-4 py-3 text-sm focus:outline-none ${toneClassName[announcement.tone]} ${props.className ?? ""}` : "sr-only"}
    >
      {announcement?.text}
    </p>
  );
}
