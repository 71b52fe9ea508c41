/**
 * Kubernetes resource quantities ("500m", "8Gi", "1.5", "2e3") as numbers, for the quota bars of
 * a workspace's health: the API passes ResourceQuota `hard` and `used` through as the cluster
 * wrote them.
 */
const suffixes: Record<string, number> = {
  "": 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const quantityPattern = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;

/** The quantity's value in base units (cores, bytes, a count), or null if it is not a quantity. */
export function parseQuantity(quantity: string): number | null {
  const match = quantityPattern.exec(quantity.trim());
  if (!match?.[1]) return null;
  const number = Number(match[1]);
  if (match[2]) return number * 10 ** Number(match[2].slice(1));
  const factor = suffixes[match[3] ?? ""];
  return factor === undefined ? null : number * factor;
}

type QuantityKind = "cpu" | "bytes" | "count";

const resourceNames: Record<string, { label: string; kind: QuantityKind }> = {
  "requests.cpu": { label: "CPU requested", kind: "cpu" },
  cpu: { label: "CPU requested", kind: "cpu" },
  "limits.cpu": { label: "CPU limits", kind: "cpu" },
  "requests.memory": { label: "Memory requested", kind: "bytes" },
  memory: { label: "Memory requested", kind: "bytes" },
  "limits.memory": { label: "Memory limits", kind: "bytes" },
  "requests.storage": { label: "Storage requested", kind: "bytes" },
  pods: { label: "Pods", kind: "count" },
  persistentvolumeclaims: { label: "Volume claims", kind: "count" },
  services: { label: "Services", kind: "count" },
};

const order = ["requests.cpu", "cpu", "limits.cpu", "requests.memory", "memory", "limits.memory", "requests.storage"];
const numberFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
const byteUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"] as const;

function formatValue(kind: QuantityKind, value: number): string {
  if (kind === "cpu") return `${numberFormat.format(value)} CPU`;
  if (kind === "count") return numberFormat.format(value);
  let unit = 0;
  let scaled = value;
  while (Math.abs(scaled) >= 1024 && unit < byteUnits.length - 1) {
    scaled /= 1024;
    unit += 1;
  }
  return `${numberFormat.format(scaled)} ${byteUnits[unit]}`;
}

export interface QuotaUsageRow {
  resource: string;
  label: string;
  used: number;
  hard: number;
  /** used ÷ hard, 0 when hard is 0; may pass 1 if a quota was lowered below what is in use. */
  ratio: number;
  usedText: string;
  hardText: string;
}

/** One row per resource with a hard limit, CPU, memory and storage first; unparseable entries are left out. */
export function quotaUsageRows(hard: Readonly<Record<string, string>>, used: Readonly<Record<string, string>>): QuotaUsageRow[] {
  const rank = (resource: string) => (order.includes(resource) ? order.indexOf(resource) : order.length);
  return Object.keys(hard)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .flatMap((resource) => {
      const hardValue = parseQuantity(hard[resource] ?? "");
      const usedValue = parseQuantity(used[resource] ?? "0") ?? 0;
      if (hardValue === null) return [];
      const known = resourceNames[resource] ?? { label: resource, kind: "count" as const };
      return [
        {
          resource,
          label: known.label,
          used: usedValue,
          hard: hardValue,
          ratio: hardValue > 0 ? usedValue / hardValue : 0,
          usedText: formatValue(known.kind, usedValue),
          hardText: formatValue(known.kind, hardValue),
        },
      ];
    });
}
