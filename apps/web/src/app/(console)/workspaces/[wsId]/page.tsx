import type { Metadata } from "next";
import { WorkspaceDetailPage } from "@/features/workspace-detail/workspace-detail-page";

export const metadata: Metadata = { title: "Workspace" };

/** One workspace; `?org=` names its organization so shared links work whatever organization is current. */
export default async function WorkspacePage(props: { params: Promise<{ wsId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ wsId }, { org }] = await Promise.all([props.params, props.searchParams]);
  return <WorkspaceDetailPage wsId={wsId} orgIdFromLink={typeof org === "string" && org.length > 0 ? org : null} />;
}
