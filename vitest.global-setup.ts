import { prepareTemplateDatabase } from "@hks/db/testing";

/** Runs once before the integration project: migrates the template every test database is cloned from. */
export default async function setup(): Promise<void> {
  await prepareTemplateDatabase();
}
