import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InvalidTokenError, type Role, verifyToken } from './jwt';
import { type AuthenticatedRequest, metadataKeys } from './principal';

export const JWT_SECRET = Symbol('JWT_SECRET');

/** Global guard: every route needs a valid bearer token unless marked `@Public()`. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_SECRET) private readonly secret: string,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(metadataKeys.PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException({ code: 'UNAUTHENTICATED', detail: 'A bearer token is required' });
    try {
      request.principal = verifyToken(token, this.secret);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException({ code: 'INVALID_TOKEN', detail: error.message });
      throw error;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(metadataKeys.ROLES_KEY, targets);
    if (roles && !roles.includes(request.principal.role)) {
      throw new ForbiddenException({ code: 'ROLE_NOT_ALLOWED', detail: `Role ${request.principal.role} may not do this` });
    }
    return true;
  }
}
