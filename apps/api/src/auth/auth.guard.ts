import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { InvalidTokenError, type TokenPolicy, verifyToken } from '@mandate-ledger/access';
import type { Role } from '@mandate-ledger/application';
import { type AuthenticatedRequest, metadataKeys } from './principal';

/** The secret and the policy bearer tokens are verified with. */
export interface TokenVerification {
  readonly jwtSecret: string;
  readonly tokenPolicy: TokenPolicy;
}

export const TOKEN_VERIFICATION = Symbol('TOKEN_VERIFICATION');

// The scheme is case-insensitive (RFC 9110 §11.1); the token is one token68, spaces around it tolerated.
const BEARER = /^[ \t]*bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i;

/** The token of an `Authorization: Bearer …` header, or undefined when there is none. */
export const bearerTokenOf = (header: string | undefined): string | undefined => (header === undefined ? undefined : BEARER.exec(header)?.[1]);

/** Global guard: every route needs a valid bearer token unless marked `@Public()`. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFICATION) private readonly verification: TokenVerification,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(metadataKeys.PUBLIC, targets)) return true;
    const http = context.switchToHttp();
    // Before any refusal, so that no answer of an authenticated route is kept by a cache.
    http.getResponse<Response>().setHeader('Cache-Control', 'no-store');
    const request = http.getRequest<AuthenticatedRequest>();
    const token = bearerTokenOf(request.headers.authorization);
    if (!token) throw new UnauthorizedException({ code: 'UNAUTHENTICATED', detail: 'A bearer token is required' });
    try {
      request.principal = verifyToken(token, this.verification.jwtSecret, this.verification.tokenPolicy);
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
