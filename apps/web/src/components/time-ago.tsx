import { formatAbsoluteTime, formatRelativeTime } from "@/lib/format-time";

/**
 * "5 minutes ago", with the exact time for machines (`dateTime`) and for people who want it
 * (`title` on hover, and written out for screen readers, which do not read `title` reliably).
 */
export function TimeAgo({ iso }: { iso: string }) {
  const absolute = formatAbsoluteTime(iso);
  return (
    <time dateTime={iso} title={absolute}>
      {formatRelativeTime(iso)}
      <span className="sr-only"> ({absolute})</span>
    </time>
  );
}
