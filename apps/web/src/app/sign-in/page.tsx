import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { PlatformFooter } from "@/features/platform-version/platform-footer";
import { getSessionUser } from "@/features/session/get-session-user";
import { safeReturnPath } from "@/features/session/safe-return-path";
import { fetchSignInProviders } from "@/features/sign-in/fetch-sign-in-providers";
import { ProductHighlights } from "@/features/sign-in/product-highlights";
import { SignInPanel } from "@/features/sign-in/sign-in-panel";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Record<string, string | string[] | undefined>;

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Someone already signed in gains nothing from this page; send them on (unless showing a notice). */
async function isSignedIn(): Promise<boolean> {
  try {
    return (await getSessionUser()) !== null;
  } catch {
    // The API being down must not take the sign-in page down with it.
    return false;
  }
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const noticeCode = firstValue(params.error);
  const candidate = safeReturnPath(firstValue(params.next));
  const returnPath = candidate && !candidate.startsWith("/sign-in") && !candidate.startsWith("/session/") ? candidate : undefined;

  const [signedIn, providers] = await Promise.all([noticeCode ? false : isSignedIn(), fetchSignInProviders(await headers())]);
  if (signedIn) redirect(returnPath ?? "/dashboard");

  return (
    <div className="grid min-h-screen lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      <ProductHighlights />
      <div className="flex min-h-screen flex-col bg-white">
        <main id="main-content" className="flex flex-1 items-center justify-center px-6 py-12">
          <SignInPanel noticeCode={noticeCode} returnPath={returnPath} providers={providers} />
        </main>
        <PlatformFooter className="border-t border-slate-200 px-6 py-4" />
      </div>
    </div>
  );
}
