import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SkipLink } from "@/components/skip-link";
import { QueryProvider } from "@/lib/query-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Hexabase KaaS", template: "%s · Hexabase KaaS" },
  description: "Self-service Kubernetes workspaces for your organization.",
  // A control plane has nothing for search engines to index.
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <SkipLink />
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}
