/** "5 minutes", "90 seconds", "1 hour": whole units, rounded down, for messages to people. */
export function describeDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? "" : "s"}`;
  if (seconds < 60 || (seconds < 120 && seconds % 60 !== 0)) return plural(seconds, "second");
  if (seconds < 7200 && seconds % 3600 !== 0) return plural(Math.floor(seconds / 60), "minute");
  return plural(Math.floor(seconds / 3600), "hour");
}
