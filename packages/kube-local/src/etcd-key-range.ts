/**
 * The exclusive end of the key range covering every key that starts with `prefix`, as etcd's
 * `clientv3.GetPrefixRangeEnd` computes it: increment the last byte that is not 0xff and drop
 * what follows. A prefix of only 0xff bytes has no end, which etcd spells as "\0".
 */
export function prefixRangeEnd(prefix: Uint8Array): Uint8Array {
  const end = Uint8Array.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i]! < 0xff) {
      end[i] = end[i]! + 1;
      return end.slice(0, i + 1);
    }
  }
  return Uint8Array.of(0);
}

/**
 * The etcd prefix a virtual cluster's kube-apiserver stores everything under. Kept apart from
 * the host's `/registry` so that deleting a virtual cluster can never touch host data.
 */
export function virtualClusterEtcdPrefix(namespace: string, name: string): string {
  return `/vclusters/${namespace}/${name}`;
}
