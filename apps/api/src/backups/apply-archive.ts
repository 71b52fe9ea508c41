import { discoverResourceTypes, KubeApiError, objectPath, type KubeRestClient, type RawObject, type ResourceType } from "@hks/kube";
import type { BackupArchive } from "./backup-archive";
import { RESTORE_FIELD_MANAGER } from "./backup-selection";
import { ownerKey, ownerKeyOf, restoreOrder } from "./restore-plan";

export interface SkippedObject {
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string;
  reason: string;
}

export interface RestoreReport {
  applied: number;
  appliedByKind: Record<string, number>;
  skipped: SkippedObject[];
}

const CRD_API = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

/** Whether a refusal is about this object (report it and go on) rather than the cluster (retry the step). */
const isObjectRefusal = (error: unknown): error is KubeApiError => error instanceof KubeApiError && error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 429;

const describe = (error: KubeApiError) => `${error.status} ${error.reason}: ${error.message}`.slice(0, 500);

const groupOf = (apiVersion: string) => (apiVersion.includes("/") ? apiVersion.split("/")[0] ?? "" : "");

/** Waits (a little) for applied custom resource definitions to be served, so their resources can be restored. */
async function waitForDefinitions(client: KubeRestClient, names: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const name of names) {
    for (;;) {
      const definition = await client.get<{ status?: { conditions?: { type: string; status: string }[] } }>(`${CRD_API}/${encodeURIComponent(name)}`);
      if (definition?.status?.conditions?.some((condition) => condition.type === "Established" && condition.status === "True")) break;
      if (Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * Applies a backup's objects to a cluster with server-side apply (under the restore field
 * manager, forced, so applying twice changes nothing), in restore order. Owner references get
 * the uid of the owner as restored here. An object the server refuses is tried once more at the
 * end (something it needed may have been restored after it) and then reported with the server's
 * reason; the rest go on. A server that does not answer (or is overloaded) throws, and the task
 * retries the whole apply.
 */
export async function applyArchive(client: KubeRestClient, archive: Pick<BackupArchive, "definitions" | "namespaces" | "objects">, options: { definitionTimeoutMs?: number; retryDelayMs?: number } = {}): Promise<RestoreReport> {
  const uids = new Map<string, string>();
  const appliedByKind: Record<string, number> = {};
  let applied = 0;
  let types = new Map<string, ResourceType>();
  const refreshTypes = async () => {
    types = new Map((await discoverResourceTypes(client)).types.map((type) => [`${type.apiVersion}/${type.kind}`, type]));
  };

  /** Applies one object; returns the refusal, or undefined when it was applied. */
  const applyOne = async (object: RawObject): Promise<string | undefined> => {
    const apiVersion = object.apiVersion ?? "";
    const type = types.get(`${apiVersion}/${object.kind ?? ""}`);
    if (!type) return `the cluster does not serve ${apiVersion} ${object.kind ?? ""}`;
    const namespace = object.metadata?.namespace;
    const owners = (object.metadata?.ownerReferences ?? []).flatMap((owner) => {
      const uid = uids.get(ownerKey(groupOf(owner.apiVersion), owner.kind, namespace, owner.name)) ?? uids.get(ownerKey(groupOf(owner.apiVersion), owner.kind, undefined, owner.name));
      return uid ? [{ ...owner, uid }] : [];
    });
    const body: RawObject = { ...object, metadata: { ...object.metadata, ...(owners.length > 0 ? { ownerReferences: owners } : {}) } };
    if (owners.length === 0) delete body.metadata?.ownerReferences;
    try {
      const stored = await client.apply(objectPath(type, object.metadata?.name ?? "", namespace), body, { fieldManager: RESTORE_FIELD_MANAGER, force: true });
      if (stored.metadata?.uid) uids.set(ownerKeyOf(object), stored.metadata.uid);
      applied += 1;
      appliedByKind[object.kind ?? ""] = (appliedByKind[object.kind ?? ""] ?? 0) + 1;
      return undefined;
    } catch (error) {
      if (isObjectRefusal(error)) return describe(error);
      throw error;
    }
  };

  await refreshTypes();
  const first = restoreOrder([...archive.definitions, ...archive.namespaces]);
  const rest = restoreOrder(archive.objects);
  const refused: RawObject[] = [];
  for (const object of first) if (await applyOne(object)) refused.push(object);
  if (archive.definitions.length > 0) {
    await waitForDefinitions(client, archive.definitions.map((definition) => definition.metadata?.name ?? ""), options.definitionTimeoutMs ?? 30_000);
    await refreshTypes();
  }
  for (const object of rest) if (await applyOne(object)) refused.push(object);

  const skipped: SkippedObject[] = [];
  if (refused.length > 0) {
    await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 2_000));
    await refreshTypes();
    for (const object of restoreOrder(refused)) {
      const reason = await applyOne(object);
      if (reason) skipped.push({ apiVersion: object.apiVersion ?? "", kind: object.kind ?? "", namespace: object.metadata?.namespace ?? null, name: object.metadata?.name ?? "", reason });
    }
  }
  return { applied, appliedByKind, skipped };
}
