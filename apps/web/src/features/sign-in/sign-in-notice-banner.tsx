import { signInNotice } from "./sign-in-error-messages";

const infoIcon =
  "M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-7-4a1 1 0 1 1-2 0 1 1 0 0 1 2 0ZM9 9a.75.75 0 0 0 0 1.5h.25v3.25a.75.75 0 0 0 1.5 0V9.75A.75.75 0 0 0 10 9H9Z";
const errorIcon =
  "M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z";

/**
 * The message for `?error=<code>`. Failures are an `alert` (announced at once, in red); "you have
 * been signed out" and "your session ended" are a polite `status`, since nothing went wrong.
 */
export function SignInNoticeBanner({ code }: { code: string }) {
  const notice = signInNotice(code);
  const isError = notice.tone === "error";
  return (
    <div
      role={isError ? "alert" : "status"}
      className={`flex gap-3 rounded-lg border px-4 py-3 text-sm ${
        isError ? "border-red-200 bg-red-50 text-red-800" : "border-indigo-200 bg-indigo-50 text-indigo-900"
      }`}
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0">
        <path fillRule="evenodd" d={isError ? errorIcon : infoIcon} clipRule="evenodd" />
      </svg>
      <p>{notice.message}</p>
    </div>
  );
}
