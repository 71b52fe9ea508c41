"use client";

import { usePlatformVersion } from "./use-platform-version";

/**
 * Which platform version this console is talking to, or that the API is unreachable. Shown in
 * every page's footer so support conversations start from the right version.
 */
export function PlatformVersionStatus() {
  const version = usePlatformVersion();

  if (version.isPending) {
    return <span className="text-slate-600">Checking platform version…</span>;
  }
  if (version.isError) {
    return (
      <span className="inline-flex items-center gap-1.5 text-red-700">
        <span aria-hidden="true" className="size-2 rounded-full bg-red-600" />
        Platform API unreachable
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-1.5 text-slate-600">
      <span aria-hidden="true" className="size-2 rounded-full bg-emerald-500" />
      Platform v{version.data.version} <span aria-hidden="true">·</span> API {version.data.apiVersion}
    </span>
  );
}
