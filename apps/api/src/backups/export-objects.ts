import { collectionPath, discoverResourceTypes, KubeApiError, type KubeRestClient, type RawObject } from "@hks/kube";
import { cleanObject, isBackedUpDefinition, isBackedUpNamespace, isBackedUpType, skipReasonOf } from "./backup-selection";

export interface ExportedObjects {
  /** The cluster's version as its API server reports it (`v1.35.4`). */
  kubernetesVersion: string;
  definitions: RawObject[];
  namespaces: RawObject[];
  objects: RawObject[];
  skipped: Map<string, number>;
  unavailableApis: string[];
}

const CRD_TYPE = { group: "apiextensions.k8s.io", apiVersion: "apiextensions.k8s.io/v1", resource: "customresourcedefinitions" };

/**
 * Reads what a backup copies out of a cluster: discovers every resource type, lists each
 * namespaced one that is copied (across all namespaces, a page at a time), keeps the objects of
 * copied namespaces that are not left out on purpose, and cleans them. A type whose listing the
 * server refuses (an aggregated API that is down) is reported in `unavailableApis` instead of
 * failing the whole backup; a server that does not answer fails it (the task retries).
 */
export async function exportObjects(client: KubeRestClient): Promise<ExportedObjects> {
  const version = await client.get<{ gitVersion?: string }>("/version");
  const discovery = await discoverResourceTypes(client);
  const unavailable = new Set(discovery.unavailable);

  const namespaces = (await client.listAll("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace" })).filter(isBackedUpNamespace);
  const copiedNamespaces = new Set(namespaces.map((namespace) => namespace.metadata?.name ?? ""));

  const servesDefinitions = discovery.types.some((type) => type.group === CRD_TYPE.group && type.resource === CRD_TYPE.resource);
  const definitions = servesDefinitions ? (await client.listAll(collectionPath(CRD_TYPE), { apiVersion: CRD_TYPE.apiVersion, kind: "CustomResourceDefinition" })).filter(isBackedUpDefinition) : [];

  const kept: RawObject[] = [];
  const skipped = new Map<string, number>();
  for (const type of discovery.types.filter(isBackedUpType)) {
    let items: RawObject[];
    try {
      items = await client.listAll(collectionPath(type), { apiVersion: type.apiVersion, kind: type.kind });
    } catch (error) {
      if (error instanceof KubeApiError && error.status !== 429 && error.status !== 401) {
        unavailable.add(type.apiVersion);
        continue;
      }
      throw error;
    }
    for (const object of items) {
      if (!copiedNamespaces.has(object.metadata?.namespace ?? "")) continue;
      const reason = skipReasonOf(object);
      if (reason) skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
      else kept.push(object);
    }
  }

  const copiedUids = new Set([...definitions, ...namespaces, ...kept].map((object) => object.metadata?.uid ?? "").filter((uid) => uid !== ""));
  const clean = (object: RawObject) => cleanObject(object, copiedUids);
  return {
    kubernetesVersion: version?.gitVersion ?? "unknown",
    definitions: definitions.map(clean),
    namespaces: namespaces.map(clean),
    objects: kept.map(clean),
    skipped,
    unavailableApis: [...unavailable],
  };
}
