/** A tree as a map from each node's id to its parent's (null at a root). */
export type ParentMap = ReadonlyMap<string, string | null>;

/**
 * `id`, its parent, grandparent… up to the root. Works for any parent map (groups, projects).
 * Stops at an id the map does not know and on a cycle, so corrupt data cannot hang a request.
 */
export function ancestorChain(parents: ParentMap, id: string): string[] {
  const chain = [id];
  const seen = new Set(chain);
  let parent = parents.get(id);
  while (typeof parent === "string" && !seen.has(parent)) {
    chain.push(parent);
    seen.add(parent);
    parent = parents.get(parent);
  }
  return chain;
}

/**
 * The groups a user acts as: the groups they belong to and every ancestor of those, because a
 * member of a child group counts as a member of its ancestors. Sorted, without duplicates. This
 * is the pure twin of `effectiveGroupIds` (one recursive CTE); both are what a token's `groups`
 * claim and Kubernetes impersonation carry.
 */
export function effectiveGroupIdsFrom(parents: ParentMap, directGroupIds: Iterable<string>): string[] {
  const effective = new Set<string>();
  for (const groupId of directGroupIds) {
    if (effective.has(groupId)) continue;
    for (const id of ancestorChain(parents, groupId)) effective.add(id);
  }
  return [...effective].sort();
}

/** Children by parent id, built once so subtree walks are linear. */
export function childrenIndex(parents: ParentMap): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const [id, parent] of parents) {
    if (parent === null) continue;
    const siblings = children.get(parent);
    if (siblings) siblings.push(id);
    else children.set(parent, [id]);
  }
  return children;
}

/** `id` and every group below it. */
export function subtreeOf(children: ReadonlyMap<string, readonly string[]>, id: string): string[] {
  const subtree: string[] = [];
  const seen = new Set<string>();
  const pending = [id];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    subtree.push(next);
    pending.push(...(children.get(next) ?? []));
  }
  return subtree;
}
