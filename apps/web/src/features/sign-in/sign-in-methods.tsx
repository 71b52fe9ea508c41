import type { SignInProviders } from "./fetch-sign-in-providers";
import { ProviderSignInLink } from "./provider-sign-in-link";

/**
 * One link per provider the platform is configured with, or why there is none: no provider
 * configured (an administrator must add one), or the platform not answering.
 */
export function SignInMethods(props: { providers: SignInProviders; returnPath: string | undefined }) {
  if (props.providers.status === "unavailable") {
    return (
      <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        <p className="font-semibold">Sign-in is temporarily unavailable</p>
        <p className="mt-1">The platform did not answer. Please reload this page in a moment.</p>
      </div>
    );
  }
  if (props.providers.providers.length === 0) {
    return (
      <div role="status" className="rounded-lg border border-slate-300 bg-slate-50 px-4 py-3 text-sm text-slate-800">
        <p className="font-semibold">No sign-in method is configured</p>
        <p className="mt-1">
          This platform has no identity provider set up yet, so nobody can sign in. Ask your platform administrator to
          configure Google, GitHub, GitLab or your organization&apos;s OIDC provider.
        </p>
      </div>
    );
  }
  return (
    <ul aria-label="Sign-in methods" className="space-y-3">
      {props.providers.providers.map((provider) => (
        <li key={provider.id}>
          <ProviderSignInLink provider={provider} returnPath={props.returnPath} />
        </li>
      ))}
    </ul>
  );
}
