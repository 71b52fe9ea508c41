import { KubeConfig, KubernetesObjectApi, PatchStrategy, type KubernetesObject } from "@kubernetes/client-node";
import type { KubeObject } from "./kube-object";

/** The one field manager for everything the platform applies, so ownership of fields is clear. */
export const FIELD_MANAGER = "hexabase-kaas";

export interface ClusterClient {
  /** Server-side apply, in order (namespaces before what lives in them). */
  apply(objects: KubeObject[]): Promise<void>;
  /** The object, or undefined when it does not exist. */
  read<T extends KubernetesObject>(ref: { apiVersion: string; kind: string; name: string; namespace?: string }): Promise<T | undefined>;
  /** Objects of one kind (in one namespace, or cluster-wide/all namespaces), by label selector. */
  list<T extends KubernetesObject>(query: { apiVersion: string; kind: string; namespace?: string; labelSelector?: string }): Promise<T[]>;
  /** Deletes if present; absent is fine (idempotent). */
  delete(ref: { apiVersion: string; kind: string; name: string; namespace?: string }): Promise<void>;
}

const isNotFound = (error: unknown) => (error as { code?: number }).code === 404;

/**
 * A thin client over @kubernetes/client-node for what the platform does to clusters: apply
 * rendered objects with server-side apply under one field manager (force, so the platform's
 * fields win over drift), read, and delete idempotently.
 */
export function createClusterClient(kubeconfig: string): ClusterClient {
  const config = new KubeConfig();
  config.loadFromString(kubeconfig);
  const api = KubernetesObjectApi.makeApiClient(config);

  return {
    async apply(objects) {
      for (const object of objects) {
        await api.patch(object as KubernetesObject, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
      }
    },
    async read<T extends KubernetesObject>(ref: { apiVersion: string; kind: string; name: string; namespace?: string }) {
      try {
        return (await api.read({ apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) } })) as T;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    async list<T extends KubernetesObject>(query: { apiVersion: string; kind: string; namespace?: string; labelSelector?: string }) {
      const items: T[] = [];
      let continueToken: string | undefined;
      do {
        const page = await api.list<T>(query.apiVersion, query.kind, query.namespace, undefined, undefined, undefined, undefined, query.labelSelector, 500, continueToken);
        items.push(...page.items);
        continueToken = page.metadata?._continue || undefined;
      } while (continueToken);
      return items;
    },
    async delete(ref) {
      try {
        await api.delete({ apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) } });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
  };
}
