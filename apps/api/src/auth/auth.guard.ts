import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, Optional, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { InvalidTokenError, type TokenPolicy, verifyToken } from '@mandate-ledger/access';
import type { Role } from '@mandate-ledger/application';
import { type AuthenticatedRequest, metadataKeys, type Principal } from './principal';
import { SESSION_AUTHENTICATION, type SessionAuthentication } from './session-authentication';

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

/** Global guard: every route needs a valid bearer token, or a console session, unless marked `@Public()`. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFICATION) private readonly verification: TokenVerification,
    @Optional() @Inject(SESSION_AUTHENTICATION) private readonly sessions?: SessionAuthentication,
  ) {}

  // Synchronous for the API's own tokens and sessions; only a provider's token waits (for its keys).
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(metadataKeys.PUBLIC, targets)) return true;
    const http = context.switchToHttp();
    // Before any refusal, so that no answer of an authenticated route is kept by a cache.
    http.getResponse<Response>().setHeader('Cache-Control', 'no-store');
    const request = http.getRequest<AuthenticatedRequest>();
    const token = bearerTokenOf(request.headers.authorization);
    if (!token) return this.admit(request, this.sessions?.fromRequest(request), targets);
    try {
      return this.admit(request, verifyToken(token, this.verification.jwtSecret, this.verification.tokenPolicy), targets);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      if (!this.sessions) throw new UnauthorizedException({ code: 'INVALID_TOKEN', detail: error.message });
      // Not one of ours: perhaps the OIDC provider's.
      return this.sessions.fromProviderToken(token).then((principal) => {
        if (!principal) throw new UnauthorizedException({ code: 'INVALID_TOKEN', detail: error.message });
        return this.admit(request, principal, targets);
      });
    }
  }

  private admit(request: AuthenticatedRequest, principal: Principal | undefined, targets: Parameters<Reflector['getAllAndOverride']>[1]): boolean {
    if (!principal) throw new UnauthorizedException({ code: 'UNAUTHENTICATED', detail: 'A bearer token is required' });
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(metadataKeys.ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new ForbiddenException({ code: 'ROLE_NOT_ALLOWED', detail: `Role ${principal.role} may not do this` });
    }
    return true;
  }
}
