import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { type AccessConfig, accessRegisters, InvalidClaimsError, InvalidSealError, openSession, type SessionClaims } from '@mandate-ledger/access';
import { InvalidTokenError, type TokenClaims } from '@mandate-ledger/access';
import type { SessionAuthentication } from '../auth/session-authentication';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ProblemError } from '../http/problem';
import type { ProviderTokens } from './provider-tokens';
import { assertSameOrigin, cookieNames, cookiesOf, isSafeMethod } from './session-cookies';

export const PROVIDER_TOKENS = Symbol('PROVIDER_TOKENS');

const invalidSession = (why: string) => new ProblemError(401, 'INVALID_SESSION', `The console session ${why}: sign in again`);

/** Principals of console sessions (the cookie) and of the OIDC provider's bearer tokens, for the AuthGuard. */
@Injectable()
export class ConsoleAuthentication implements SessionAuthentication {
  private readonly access: AccessConfig;
  private readonly registers: ReturnType<typeof accessRegisters>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(PROVIDER_TOKENS) private readonly providerTokens: ProviderTokens | null,
  ) {
    this.access = config.access;
    this.registers = accessRegisters(config.eventStore.dataDir);
  }

  get revokedSessions() {
    return this.registers.revokedSessions;
  }

  get usedSignInLinks() {
    return this.registers.usedSignInLinks;
  }

  /** The session of the request's cookie, if any, without refusing anything: for `/auth/session`. */
  sessionOf(request: Request): SessionClaims | undefined {
    const token = cookiesOf(request).get(cookieNames(this.access).session);
    if (!token) return undefined;
    try {
      const session = openSession(token, this.access.sessionSecret);
      return this.registers.revokedSessions.has(session.sid) ? undefined : session;
    } catch (error) {
      if (error instanceof InvalidSealError || error instanceof InvalidClaimsError) return undefined;
      throw error;
    }
  }

  fromRequest(request: Request): TokenClaims | undefined {
    const token = cookiesOf(request).get(cookieNames(this.access).session);
    if (!token) return undefined;
    let session: SessionClaims;
    try {
      session = openSession(token, this.access.sessionSecret);
    } catch (error) {
      if (error instanceof InvalidSealError) throw invalidSession(error.reason === 'expired' ? 'has expired' : 'is not valid');
      if (error instanceof InvalidClaimsError) throw invalidSession('is not valid');
      throw error;
    }
    if (this.registers.revokedSessions.has(session.sid)) throw invalidSession('was signed out');
    if (!isSafeMethod(request)) assertSameOrigin(request, this.access.publicUrl);
    const { sub, role, departements, operatorId, iat, exp } = session;
    return { sub, role, ...(departements ? { departements } : {}), ...(operatorId ? { operatorId } : {}), iat, exp };
  }

  async fromProviderToken(token: string): Promise<TokenClaims | undefined> {
    if (!this.providerTokens?.isProviderToken(token)) return undefined;
    try {
      return await this.providerTokens.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new ProblemError(401, 'INVALID_TOKEN', error.message);
      throw error;
    }
  }
}
