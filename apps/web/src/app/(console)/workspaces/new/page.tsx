import type { Metadata } from "next";
import { NewWorkspace } from "@/features/workspaces/new-workspace";

export const metadata: Metadata = { title: "New workspace" };

export default function NewWorkspacePage() {
  return <NewWorkspace />;
}
