/** Kubernetes quantity strings from the platform's integer units. */
export const cpu = (millicores: number): string => (millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`);
export const memory = (mib: number): string => (mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`);
export const storage = (gib: number): string => `${gib}Gi`;
