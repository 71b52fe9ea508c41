import type { TaskDefinition } from "./task-definition";

/** The task kinds this platform knows, by kind. Modules contribute their definitions. */
export function createTaskRegistry(definitions: TaskDefinition[]) {
  const byKind = new Map(definitions.map((definition) => [definition.kind, definition]));
  if (byKind.size !== definitions.length) throw new Error("two task definitions share a kind");
  return {
    get: (kind: string): TaskDefinition | undefined => byKind.get(kind),
    kinds: (): string[] => [...byKind.keys()],
  };
}

export type TaskRegistry = ReturnType<typeof createTaskRegistry>;
