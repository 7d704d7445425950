/** The callers of the graph (DESIGN.md, "Callers and roles"). */
export const ROLES = ['PATIENT', 'CLINICIAN', 'TENANT_ADMIN', 'PLATFORM_ADMIN', 'INSURER'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
