import { BrandMark } from "@/components/brand-mark";
import { ProviderSignInLink } from "./provider-sign-in-link";
import { SignInErrorAlert } from "./sign-in-error-alert";
import { signInProviders } from "./sign-in-providers";

/** The sign-in card: heading, the last error (if any) and one link per identity provider. */
export function SignInPanel(props: { errorCode: string | undefined; returnPath: string | undefined }) {
  return (
    <div className="w-full max-w-sm">
      <div className="lg:hidden">
        <BrandMark />
      </div>
      <h1 className="mt-8 text-2xl font-semibold tracking-tight text-slate-900 lg:mt-0">Sign in to Hexabase KaaS</h1>
      <p className="mt-2 text-sm text-slate-600">Use the identity provider your organization signs in with.</p>

      {props.errorCode ? (
        <div className="mt-6">
          <SignInErrorAlert code={props.errorCode} />
        </div>
      ) : null}

      <ul aria-label="Sign-in methods" className="mt-8 space-y-3">
        {signInProviders.map((provider) => (
          <li key={provider.id}>
            <ProviderSignInLink provider={provider.id} label={provider.label} returnPath={props.returnPath} />
          </li>
        ))}
      </ul>

      <p className="mt-8 text-xs leading-5 text-slate-600">
        Signing in for the first time creates your account. Access to organizations and workspaces is granted by
        their administrators.
      </p>
    </div>
  );
}
