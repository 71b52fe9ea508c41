import { BrandMark } from "@/components/brand-mark";
import type { SignInProviders } from "./fetch-sign-in-providers";
import { SignInMethods } from "./sign-in-methods";
import { SignInNoticeBanner } from "./sign-in-notice-banner";

/** The sign-in card: heading, the last error or notice (if any) and the configured providers. */
export function SignInPanel(props: { noticeCode: string | undefined; returnPath: string | undefined; providers: SignInProviders }) {
  return (
    <div className="w-full max-w-sm">
      <div className="lg:hidden">
        <BrandMark />
      </div>
      <h1 className="mt-8 text-2xl font-semibold tracking-tight text-slate-900 lg:mt-0">Sign in to Hexabase KaaS</h1>
      <p className="mt-2 text-sm text-slate-600">Use the identity provider your organization signs in with.</p>

      {props.noticeCode ? (
        <div className="mt-6">
          <SignInNoticeBanner code={props.noticeCode} />
        </div>
      ) : null}

      <div className="mt-8">
        <SignInMethods providers={props.providers} returnPath={props.returnPath} />
      </div>

      <p className="mt-8 text-xs leading-5 text-slate-600">
        Signing in for the first time creates your account. Access to organizations and workspaces is granted by
        their administrators.
      </p>
    </div>
  );
}
