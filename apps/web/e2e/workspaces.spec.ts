import { expect, test, type Page } from "@playwright/test";
import { testUsers, webOrigin } from "./e2e-stack";
import { findLowContrastText } from "./support/find-low-contrast-text";
import { signIn } from "./support/sign-in-through-provider";

// Bob, not Alice: signed-in-session.spec.ts signs out all of Alice's other sessions while it runs.
const bob = testUsers.bob;

/** Names no other run or test has used (the API may be reused locally, and names are unique per organization). */
function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** Waits for `text` in one of the page's live regions (`role="status"`), which is how outcomes are announced. */
async function expectAnnounced(page: Page, text: string): Promise<void> {
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: text })).toBeVisible();
}

async function createOrganizationFromSwitcher(page: Page, name: string): Promise<void> {
  const switcher = page.getByRole("button", { name: /switch or create an organization/ });
  await switcher.click();
  const header = page.getByRole("banner");
  await header.getByLabel("Organization name").fill(name);
  await header.getByRole("button", { name: "Create organization" }).click();
  // The panel closes, focus is back on the switcher, and it names the new, now current, organization.
  await expect(switcher).toBeFocused();
  await expect(switcher).toContainText(name);
}

test.describe("organizations, workspaces and projects", () => {
  // One long story against the real API; the stack has no host cluster, so provisioning ends in ERROR.
  test.describe.configure({ timeout: 90_000 });

  test("create an organization and a workspace, see why it cannot run, add a project, delete it", async ({ page }) => {
    const suffix = uniqueSuffix();
    const organizationName = `E2E Team ${suffix}`;
    const workspaceName = `ws-${suffix}`;
    await signIn(page, bob);

    await createOrganizationFromSwitcher(page, organizationName);

    // The Organizations page lists it with my role, as the current one.
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Organizations" }).click();
    const organizationRow = page.getByRole("row", { name: new RegExp(organizationName) });
    await expect(organizationRow).toContainText("Owner");
    await expect(organizationRow).toContainText("Current");

    // A new organization has no workspaces: the empty state leads to the form.
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Workspaces" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Workspaces");
    await expect(page.getByRole("heading", { name: "No workspaces yet" })).toBeVisible();
    await page.getByRole("main").getByRole("link", { name: "Create a workspace" }).click();
    await expect(page).toHaveURL(`${webOrigin}/workspaces/new`);

    // The name is checked with the API's DNS-label rule before anything is sent.
    const nameField = page.getByRole("textbox", { name: "Name" });
    await nameField.fill("Not_A_Label");
    await nameField.blur();
    await expect(nameField).toHaveAttribute("aria-invalid", "true");
    await expect(nameField).toHaveAccessibleDescription(/Use lower-case letters, digits and dashes/);
    await nameField.fill(workspaceName);
    await expect(nameField).not.toHaveAttribute("aria-invalid", "true");
    await page.getByRole("radio", { name: "Starter (shared)" }).check();
    await page.getByRole("textbox", { name: "Description (optional)" }).fill("Made by the end-to-end suite");
    await page.getByRole("button", { name: "Create workspace" }).click();

    // Its page opens; with no host cluster, provisioning fails and says why.
    await expect(page).toHaveURL(/\/workspaces\/[^/?]+\?org=/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(workspaceName);
    const status = page.getByRole("region", { name: "Status" });
    await expect(status).toContainText("Status: Error");
    await expect(status).toContainText("No host cluster is configured");
    const latestOperation = page.getByRole("region", { name: "Latest operation" });
    await expect(latestOperation).toContainText("Provisioning");
    await expect(latestOperation).toContainText("Failed");
    await expect(latestOperation).toContainText("No host cluster is configured");
    expect(await findLowContrastText(page, "main")).toEqual([]);

    // Only what the status allows: the cluster was never created, so provisioning again or deleting.
    const lifecycle = page.getByRole("region", { name: "Lifecycle" });
    await expect(lifecycle.getByRole("button", { name: "Provision again" })).toBeEnabled();
    await expect(lifecycle.getByRole("button", { name: "Delete workspace…" })).toBeEnabled();
    for (const name of ["Stop", "Start", "Restart"]) await expect(lifecycle.getByRole("button", { name, exact: true })).toBeDisabled();
    await expect(lifecycle.getByRole("button", { name: "Stop", exact: true })).toHaveAccessibleDescription(/could not be created/);

    // Provisioning again is requested, runs, and ends in the same error, each step announced.
    // (The click replaces the earlier announcement with "Requesting…" at once, so the error read
    // afterwards is the new attempt's.)
    const provisionAnswer = page.waitForResponse((response) => response.url().endsWith("/vcluster/provision") && response.request().method() === "POST");
    await lifecycle.getByRole("button", { name: "Provision again" }).click();
    expect((await provisionAnswer).status()).toBe(202);
    await expectAnnounced(page, `${workspaceName} is in error: No host cluster is configured`);
    await expect(status).toContainText("Status: Error");

    // A project: the API's refusal lands on the field it names, then a project that fits is created.
    const projects = page.getByRole("region", { name: "Projects", exact: true });
    await expect(projects).toContainText(`No projects in ${workspaceName} yet.`);
    await projects.getByRole("textbox", { name: "Project name" }).fill("web");
    const cpuField = projects.getByRole("spinbutton", { name: "CPU (cores)" });
    await cpuField.fill("999");
    await projects.getByRole("button", { name: "Create project" }).click();
    await expect(projects.getByRole("alert")).toContainText("The workspace does not have that much left for its projects");
    await expect(cpuField).toHaveAttribute("aria-invalid", "true");
    await expect(cpuField).toBeFocused();
    await cpuField.fill("1");
    await projects.getByRole("spinbutton", { name: "Memory (GiB)" }).fill("2");
    await projects.getByRole("spinbutton", { name: "Storage (GiB)" }).fill("10");
    await projects.getByRole("button", { name: "Create project" }).click();
    await expectAnnounced(page, `Project web created in ${workspaceName}.`);
    const projectRow = projects.getByRole("row", { name: /web/ });
    await expect(projectRow).toContainText("1 CPU");
    await expect(projectRow).toContainText("2 GiB");
    await expect(projectRow).toContainText("10 GiB");

    // Deleting asks for the name; Escape backs out and returns focus to the button.
    const deleteButton = lifecycle.getByRole("button", { name: "Delete workspace…" });
    await deleteButton.click();
    const dialog = page.getByRole("dialog", { name: `Delete workspace ${workspaceName}?` });
    const confirmField = dialog.getByRole("textbox", { name: `Type ${workspaceName} to confirm` });
    await expect(confirmField).toBeFocused();
    await expect(dialog).toContainText("its 1 project");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(deleteButton).toBeFocused();

    await deleteButton.click();
    const confirmButton = dialog.getByRole("button", { name: "Delete this workspace" });
    await confirmField.fill("not-the-name");
    await expect(confirmButton).toBeDisabled();
    await confirmField.fill(workspaceName);
    await confirmButton.click();

    // The deletion task removes it; the list opens, says so, and no longer has it.
    await expect(page).toHaveURL(/\/workspaces\?deleted=/);
    await expectAnnounced(page, `Workspace ${workspaceName} has been deleted.`);
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "has been deleted" })).toBeFocused();
    await expect(page.getByRole("heading", { name: "No workspaces yet" })).toBeVisible();
    await expect(page.getByRole("link", { name: workspaceName })).toHaveCount(0);
  });
});
