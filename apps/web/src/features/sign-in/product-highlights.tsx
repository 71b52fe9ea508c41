import { BrandMark } from "@/components/brand-mark";

const highlights = [
  { title: "A cluster per workspace", text: "Each workspace is an isolated virtual cluster that stock kubectl talks to." },
  { title: "Access that follows your groups", text: "Roles come from group membership and are revoked when someone leaves." },
  { title: "Usage you can see", text: "Quotas, bills and an audit trail for every organization." },
];

/** The product summary beside the sign-in form on wide screens. */
export function ProductHighlights() {
  return (
    <aside
      aria-label="About Hexabase KaaS"
      className="hidden flex-col justify-between bg-slate-900 px-12 py-10 text-slate-300 lg:flex"
    >
      <BrandMark tone="light" />
      <div className="max-w-md">
        <p className="text-3xl font-semibold tracking-tight text-white">Kubernetes workspaces, self-service in seconds.</p>
        <ul className="mt-10 space-y-6">
          {highlights.map((item) => (
            <li key={item.title} className="flex gap-3">
              <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-5 shrink-0 text-indigo-400">
                <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" clipRule="evenodd" />
              </svg>
              <div>
                <p className="font-medium text-white">{item.title}</p>
                <p className="mt-1 text-sm text-slate-300">{item.text}</p>
              </div>
            </li>
          ))}
        </ul>
      </div>
      <p className="text-xs text-slate-400">Multi-tenant Kubernetes as a Service</p>
    </aside>
  );
}
