/** The product's hexagon mark and name; `tone` follows the surface it sits on. */
export function BrandMark({ tone = "dark" }: { tone?: "dark" | "light" }) {
  const text = tone === "light" ? "text-white" : "text-slate-900";
  return (
    <span className={`inline-flex items-center gap-2.5 font-semibold tracking-tight ${text}`}>
      <svg aria-hidden="true" viewBox="0 0 32 32" className="size-8 shrink-0">
        <path fill="#4f46e5" d="M16 1.5 28.6 8.75v14.5L16 30.5 3.4 23.25V8.75Z" />
        <path fill="#fff" d="M11 10h2.6v4.7h4.8V10H21v12h-2.6v-4.9h-4.8V22H11Z" />
      </svg>
      <span>Hexabase KaaS</span>
    </span>
  );
}
