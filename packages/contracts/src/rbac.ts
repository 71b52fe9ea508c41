import { z } from "zod";

/**
 * Kubernetes-style roles and bindings inside a workspace's virtual cluster. Rules use Kubernetes
 * RBAC's vocabulary and semantics so they can be materialized as ClusterRoles and RoleBindings
 * unchanged (architecture §4).
 */
export const kubernetesVerbs = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "impersonate", "bind", "escalate", "use", "*"] as const;
export type KubernetesVerb = (typeof kubernetesVerbs)[number];

export const roleScopes = ["workspace", "project"] as const;
export type RoleScope = (typeof roleScopes)[number];

export const subjectKinds = ["user", "group"] as const;
export type SubjectKind = (typeof subjectKinds)[number];

const DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
/** "" is the core group (pods, services…); otherwise a DNS subdomain such as `apps` or `networking.k8s.io`. */
const apiGroupPattern = new RegExp(`^(\\*|(${DNS_LABEL})(\\.${DNS_LABEL})*)?$`);
/**
 * A resource, a `resource/subresource`, `*` or `*\/subresource`. `pods/*` is refused: Kubernetes
 * accepts it but it matches nothing, which is a trap rather than a rule.
 */
const resourcePattern = new RegExp(`^(\\*|${DNS_LABEL})(/${DNS_LABEL})?$`);
/** Object names; Kubernetes has no wildcards here, so neither do we. */
const resourceNamePattern = /^[A-Za-z0-9]([-A-Za-z0-9_.:@]*[A-Za-z0-9])?$/;

const nonEmptyList = <T extends z.ZodType>(item: T) => z.array(item).min(1, "must list at least one value").max(100);

export const policyRuleSchema = z
  .object({
    apiGroups: nonEmptyList(z.string().max(253).regex(apiGroupPattern, 'an API group such as "" (core), "apps" or "networking.k8s.io", or "*"')),
    resources: nonEmptyList(z.string().max(127).regex(resourcePattern, 'a resource such as "pods", "pods/log", "*/scale" or "*"')),
    verbs: nonEmptyList(z.enum(kubernetesVerbs)),
    resourceNames: nonEmptyList(z.string().max(253).regex(resourceNamePattern, "an object name (no wildcards)"))
      .optional()
      .describe("Restricts the rule to these objects; omit for all objects (an empty list is refused because Kubernetes would read it as 'all')"),
  })
  .strict()
  .meta({ id: "PolicyRule" });
export type PolicyRule = z.infer<typeof policyRuleSchema>;

/** Role names become ClusterRole names in the virtual cluster, so they follow Kubernetes' naming. */
const roleName = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "lower-case letters, digits, '-' and '.', starting and ending with a letter or digit");
const rules = z.array(policyRuleSchema).min(1, "a role needs at least one rule").max(100);

export const roleSchema = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    name: z.string(),
    description: z.string(),
    scope: z.enum(roleScopes).describe("workspace: may be bound workspace-wide or on a project; project: only on a project"),
    preset: z.boolean().describe("Preset roles come with every workspace and are read-only"),
    rules: z.array(policyRuleSchema),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().describe("Also sent as the ETag; send it back in If-Match to update"),
  })
  .meta({ id: "Role" });

export const createRoleSchema = z
  .object({ name: roleName, description: z.string().max(1000).default(""), scope: z.enum(roleScopes), rules })
  .strict()
  .meta({ id: "CreateRole" });

/** The scope is fixed at creation: changing it would silently invalidate existing bindings. */
export const updateRoleSchema = z
  .object({ name: roleName.optional(), description: z.string().max(1000).optional(), rules: rules.optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, "send at least one field")
  .meta({ id: "UpdateRole" });

export const subjectSchema = z
  .object({ kind: z.enum(subjectKinds), id: z.string().min(1).max(60).describe("A user of the organization or a group of the workspace") })
  .strict()
  .meta({ id: "Subject" });
export type Subject = z.infer<typeof subjectSchema>;

export const roleBindingSchema = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    projectId: z.string().nullable().describe("null: workspace-wide; otherwise the project (and its descendants)"),
    role: z.object({ id: z.string(), name: z.string(), scope: z.enum(roleScopes) }),
    subject: subjectSchema,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "RoleBinding" });

export const createRoleBindingSchema = z
  .object({
    roleId: z.string().min(1).max(60),
    subject: subjectSchema,
    projectId: z.string().min(1).max(60).nullable().optional().describe("Bind on this project (applies to its descendants too); omit for workspace-wide"),
  })
  .strict()
  .meta({ id: "CreateRoleBinding" });

/** Where an effective rule came from: the binding and the role it grants. */
export const ruleSourceSchema = z
  .object({
    bindingId: z.string(),
    roleId: z.string(),
    roleName: z.string(),
    projectId: z.string().nullable().describe("The binding's project; null for a workspace-wide binding"),
    subject: subjectSchema.describe("The binding's subject: the user, or a group the user counts as a member of"),
  })
  .meta({ id: "RuleSource" });

export const effectiveRuleSchema = policyRuleSchema.extend({ source: ruleSourceSchema }).meta({ id: "EffectiveRule" });

export const subjectPermissionsSchema = z
  .object({
    subject: subjectSchema,
    projectId: z.string().nullable(),
    groups: z.array(z.string()).describe("The groups the subject acts as: its groups and all their ancestors"),
    rules: z.array(effectiveRuleSchema),
  })
  .meta({ id: "SubjectPermissions" });

/** A Kubernetes request in kubectl's terms (`kubectl auth can-i get pods/log -n …`). */
export const resourceRequestQuerySchema = z.object({
  verb: z.enum(kubernetesVerbs),
  resource: z.string().max(127).regex(resourcePattern, 'a resource such as "pods" or "pods/log"'),
  apiGroup: z.string().max(253).regex(apiGroupPattern, "an API group").default("").describe('Empty for the core group (the default)'),
  name: z.string().max(253).optional().describe("The object's name, for rules restricted by resourceNames"),
  projectId: z.string().max(60).optional().describe("The project (namespace); omit for a workspace-wide (cluster) request"),
});

export const canIQuerySchema = resourceRequestQuerySchema.extend({
  subject: z
    .string()
    .max(70)
    .regex(/^(user|group):[^:]+$/, "user:<id> or group:<id>")
    .optional()
    .describe("user:<id> or group:<id>; defaults to the caller"),
});

export const canIResponseSchema = z
  .object({
    allowed: z.boolean(),
    reason: z.string(),
    matched: z.array(ruleSourceSchema).describe("The bindings whose roles allow the request"),
  })
  .meta({ id: "CanIAnswer" });

export const whoCanResponseSchema = z
  .object({
    users: z.array(z.object({ userId: z.string(), via: z.array(ruleSourceSchema) })),
    groups: z.array(z.object({ groupId: z.string(), via: z.array(ruleSourceSchema) })),
  })
  .meta({ id: "WhoCanAnswer" });

export type RoleResponse = z.infer<typeof roleSchema>;
export type RoleBindingResponse = z.infer<typeof roleBindingSchema>;
export type RuleSource = z.infer<typeof ruleSourceSchema>;
