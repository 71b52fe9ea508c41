import { redirect } from "next/navigation";

/** Security is the only settings page so far; the section opens there until profile and tokens join it. */
export default function SettingsPage() {
  redirect("/settings/security");
}
