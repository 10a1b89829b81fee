export const ROLES = ['officer', 'auditor', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who asks (DESIGN §6): a verified token's subject and role; `departements` for officers (where they
 * may record and read), `operatorId` for operators (their own mandates only).
 */
export interface Principal {
  readonly sub: string;
  readonly role: Role;
  readonly departements?: readonly string[];
  readonly operatorId?: string;
}
