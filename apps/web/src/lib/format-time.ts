/**
 * Times in the console: relative for "when" at a glance ("5 minutes ago"), absolute for
 * the record ("Jan 5, 2026, 10:04 AM"). English to match the rest of the console; the viewer's
 * own time zone, since that is the clock they compare against.
 */
const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const absoluteFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

const steps: readonly { unit: Intl.RelativeTimeFormatUnit; seconds: number; upTo: number }[] = [
  { unit: "minute", seconds: 60, upTo: 60 * 60 },
  { unit: "hour", seconds: 60 * 60, upTo: 24 * 60 * 60 },
  { unit: "day", seconds: 24 * 60 * 60, upTo: 30 * 24 * 60 * 60 },
  { unit: "month", seconds: 30 * 24 * 60 * 60, upTo: 365 * 24 * 60 * 60 },
  { unit: "year", seconds: 365 * 24 * 60 * 60, upTo: Number.POSITIVE_INFINITY },
];

export function formatRelativeTime(iso: string, now: Date = new Date()): string {
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
  if (Math.abs(seconds) < 45) return "just now";
  const step = steps.find((candidate) => Math.abs(seconds) < candidate.upTo) ?? steps[steps.length - 1];
  if (!step) return formatAbsoluteTime(iso);
  return relativeFormat.format(Math.round(seconds / step.seconds) || Math.sign(seconds), step.unit);
}

export function formatAbsoluteTime(iso: string): string {
  return absoluteFormat.format(new Date(iso));
}
