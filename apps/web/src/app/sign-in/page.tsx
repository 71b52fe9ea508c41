import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PlatformFooter } from "@/features/platform-version/platform-footer";
import { safeReturnPath } from "@/features/session/safe-return-path";
import { getSessionUser } from "@/features/session/get-session-user";
import { ProductHighlights } from "@/features/sign-in/product-highlights";
import { SignInPanel } from "@/features/sign-in/sign-in-panel";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Record<string, string | string[] | undefined>;

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Someone already signed in gains nothing from this page; send them on (unless showing an error). */
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
  const errorCode = firstValue(params.error);
  const returnPath = safeReturnPath(firstValue(params.next));

  if (!errorCode && (await isSignedIn())) {
    redirect(returnPath && !returnPath.startsWith("/sign-in") ? returnPath : "/dashboard");
  }

  return (
    <div className="grid min-h-screen lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      <ProductHighlights />
      <div className="flex min-h-screen flex-col bg-white">
        <main id="main-content" className="flex flex-1 items-center justify-center px-6 py-12">
          <SignInPanel errorCode={errorCode} returnPath={returnPath} />
        </main>
        <PlatformFooter className="border-t border-slate-200 px-6 py-4" />
      </div>
    </div>
  );
}
