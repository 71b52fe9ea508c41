import type { KubeRestClient } from "./kube-rest-client";

/** One resource type a cluster serves, at the version its group prefers. */
export interface ResourceType {
  /** "" for the core group. */
  group: string;
  version: string;
  /** `v1` or `<group>/<version>`. */
  apiVersion: string;
  /** Plural name used in paths (`configmaps`). */
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

export interface Discovery {
  types: ResourceType[];
  /** Group versions whose resource list could not be read (an aggregated API that is down). */
  unavailable: string[];
}

interface ApiResourceList {
  groupVersion: string;
  resources: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}

interface ApiGroupList {
  groups: { name: string; preferredVersion?: { groupVersion: string; version: string }; versions: { groupVersion: string; version: string }[] }[];
}

/**
 * Every resource type the cluster serves, each group at its preferred version (so one kind is not
 * listed twice under two versions), subresources left out. Classic discovery: `/api/v1`, `/apis`
 * and one `/apis/<group>/<version>` per group.
 */
export async function discoverResourceTypes(client: KubeRestClient): Promise<Discovery> {
  const groupVersions: { group: string; version: string; groupVersion: string }[] = [{ group: "", version: "v1", groupVersion: "v1" }];
  const groups = await client.get<ApiGroupList>("/apis");
  for (const group of groups?.groups ?? []) {
    const preferred = group.preferredVersion ?? group.versions[0];
    if (preferred) groupVersions.push({ group: group.name, version: preferred.version, groupVersion: preferred.groupVersion });
  }
  const types: ResourceType[] = [];
  const unavailable: string[] = [];
  for (const { group, version, groupVersion } of groupVersions) {
    let list: ApiResourceList | undefined;
    try {
      list = await client.get<ApiResourceList>(group === "" ? "/api/v1" : `/apis/${groupVersion}`);
    } catch (error) {
      // An aggregated API whose backend is down answers 503; the rest of the cluster still counts.
      if ((error as { status?: number }).status === 503) {
        unavailable.push(groupVersion);
        continue;
      }
      throw error;
    }
    for (const resource of list?.resources ?? []) {
      if (resource.name.includes("/")) continue;
      types.push({ group, version, apiVersion: groupVersion, resource: resource.name, kind: resource.kind, namespaced: resource.namespaced, verbs: resource.verbs ?? [] });
    }
  }
  return { types, unavailable };
}

/** The REST path of a resource type's collection (in a namespace when given). */
export function collectionPath(type: Pick<ResourceType, "group" | "apiVersion" | "resource">, namespace?: string): string {
  const root = type.group === "" ? "/api/v1" : `/apis/${type.apiVersion}`;
  return namespace ? `${root}/namespaces/${encodeURIComponent(namespace)}/${type.resource}` : `${root}/${type.resource}`;
}

/** The REST path of one object. */
export function objectPath(type: Pick<ResourceType, "group" | "apiVersion" | "resource" | "namespaced">, name: string, namespace?: string): string {
  return `${collectionPath(type, type.namespaced ? namespace : undefined)}/${encodeURIComponent(name)}`;
}
