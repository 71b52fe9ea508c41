import { PlatformVersionStatus } from "./platform-version-status";

/** The page footer (`contentinfo` landmark) with the live platform version and a link to the API reference. */
export function PlatformFooter({ className = "" }: { className?: string }) {
  return (
    <footer className={`flex flex-wrap items-center justify-between gap-x-6 gap-y-2 text-xs ${className}`}>
      <p role="status" aria-live="polite">
        <PlatformVersionStatus />
      </p>
      <nav aria-label="Platform resources" className="flex gap-4">
        {/* A plain link: the API serves it through the web origin; it is not a Next route. */}
        <a href="/docs" className="rounded-sm text-slate-600 underline-offset-4 hover:text-slate-900 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
          API reference
        </a>
      </nav>
    </footer>
  );
}
