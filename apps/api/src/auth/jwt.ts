import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims of DESIGN §6. `departements` for officers, `operatorId` for operators. */
export interface TokenClaims {
  readonly sub: string;
  readonly role: Role;
  readonly departements?: readonly string[];
  readonly operatorId?: string;
  readonly iat?: number;
  readonly exp?: number;
}

export const ROLES = ['officer', 'auditor', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(`Invalid token: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}

const base64url = (input: Buffer | string): string => Buffer.from(input).toString('base64url');

/** Signs a compact JWS with HS256, as any standard JWT library would. */
export const signToken = (claims: TokenClaims, secret: string): string => {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify(claims));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
};

/** Verifies an HS256 token (signature, `exp`, `nbf`, claim shapes) and returns its claims. */
export const verifyToken = (token: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): TokenClaims => {
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidTokenError('not a compact JWS');
  const [header, payload, signature] = parts;
  let decodedHeader: { alg?: string };
  let claims: Record<string, unknown>;
  try {
    decodedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidTokenError('header or payload is not JSON');
  }
  // Only HS256: refusing `none` and asymmetric algorithms closes the algorithm-confusion attacks.
  if (decodedHeader.alg !== 'HS256') throw new InvalidTokenError(`algorithm ${decodedHeader.alg} is not accepted`);
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidTokenError('bad signature');
  if (typeof claims.exp === 'number' && nowSeconds >= claims.exp) throw new InvalidTokenError('expired');
  if (typeof claims.nbf === 'number' && nowSeconds < claims.nbf) throw new InvalidTokenError('not yet valid');
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw new InvalidTokenError('no sub');
  if (!ROLES.includes(claims.role as Role)) throw new InvalidTokenError(`unknown role ${String(claims.role)}`);
  const departements = claims.departements;
  if (departements !== undefined && !(Array.isArray(departements) && departements.every((d) => typeof d === 'string'))) {
    throw new InvalidTokenError('departements must be a list of codes');
  }
  if (claims.role === 'officer' && !Array.isArray(departements)) throw new InvalidTokenError('an officer token needs departements');
  if (claims.role === 'operator' && typeof claims.operatorId !== 'string') throw new InvalidTokenError('an operator token needs operatorId');
  return claims as unknown as TokenClaims;
};
