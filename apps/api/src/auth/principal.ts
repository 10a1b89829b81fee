import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal, Role } from '@mandate-ledger/application';

export type { Principal } from '@mandate-ledger/application';

export type AuthenticatedRequest = Request & { principal?: Principal };

const PUBLIC = 'ml:public';
const ROLES_KEY = 'ml:roles';

/** Reachable without a token: only `/health`, `/docs` and the public verification key (DESIGN §6). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Roles allowed on a handler; the guard answers 403 to the others. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const metadataKeys = { PUBLIC, ROLES_KEY } as const;

/** Injects the caller's principal into a controller method. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
