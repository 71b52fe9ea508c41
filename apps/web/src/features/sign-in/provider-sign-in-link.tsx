import { ProviderLogo } from "./provider-logo";
import { loginHref, providerLogoKind, type SignInProvider } from "./sign-in-providers";

/**
 * A full-page navigation to the API's login route, deliberately a plain `<a>` (not `next/link`):
 * the API answers with a redirect to the identity provider, and the whole OAuth exchange must
 * happen in top-level navigations so only httpOnly cookies, never JavaScript, hold the session.
 */
export function ProviderSignInLink(props: { provider: SignInProvider; returnPath: string | undefined }) {
  return (
    <a
      href={loginHref(props.provider.id, props.returnPath)}
      className="flex w-full items-center justify-center gap-3 rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm font-semibold text-slate-800 shadow-xs transition-colors hover:border-slate-400 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
    >
      <ProviderLogo kind={providerLogoKind(props.provider)} />
      <span>Continue with {props.provider.name}</span>
    </a>
  );
}
