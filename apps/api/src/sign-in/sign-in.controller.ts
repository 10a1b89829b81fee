import { Body, Controller, Get, HttpCode, Inject, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  type AccessConfig,
  type AccessClaims,
  InvalidClaimsError,
  InvalidSealError,
  mintSession,
  openSignInLink,
  seal,
  type SessionClaims,
  type SignInMethod,
  unseal,
} from '@mandate-ledger/access';
import { Public } from '../auth/principal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ProblemError } from '../http/problem';
import { principalClaimsOf } from './claims-mapping';
import type { ClaimsMapping } from './oidc-config';
import { ConsoleAuthentication } from './console-authentication';
import type { OidcSignIn, OidcTransaction } from './oidc-sign-in';
import { assertSameOrigin, cookieNames, cookiesOf, OIDC_TRANSACTION_SECONDS, setCookie } from './session-cookies';
import { OidcLoginRequest, SessionView, SignInLinkRequest } from './sign-in.requests';

export const OIDC_SIGN_IN = Symbol('OIDC_SIGN_IN');

const TRANSACTION_PURPOSE = 'oidc-transaction';

const sessionView = (session: SessionClaims, signIn: SessionView['signIn']): SessionView => ({
  signedIn: true,
  signIn,
  sub: session.sub,
  name: session.name ?? session.sub,
  role: session.role,
  ...(session.departements ? { departements: session.departements } : {}),
  ...(session.operatorId ? { operatorId: session.operatorId } : {}),
  via: session.via,
  expiresAt: new Date(session.exp * 1000).toISOString(),
});

/**
 * How people sign in to the console (DESIGN §6): a one-time link printed by the CLI on the embedded
 * default, or OpenID Connect (authorization code with PKCE). Either ends in a session cookie. The
 * console's own routes, for browsers: left out of the API's OpenAPI document (the README lists them).
 */
@ApiExcludeController()
@Controller('auth')
export class SignInController {
  private readonly access: AccessConfig;
  private readonly claimsMapping?: ClaimsMapping;
  private readonly logger = new Logger('SignIn');

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessions: ConsoleAuthentication,
    @Inject(OIDC_SIGN_IN) private readonly oidc: OidcSignIn | null,
  ) {
    this.access = config.access;
    this.claimsMapping = config.oidc?.claims;
  }

  private get methods(): SessionView['signIn'] {
    return { oidc: this.oidc !== null, links: this.access.signInLinks };
  }

  /** Who the session cookie signs in, if anyone; never a 401 (the console asks before signing in). */
  @Get('session')
  @Public()
  session(@Req() request: Request, @Res({ passthrough: true }) response: Response): SessionView {
    response.setHeader('Cache-Control', 'no-store');
    const session = this.sessions.sessionOf(request);
    if (!session && cookiesOf(request).has(cookieNames(this.access).session)) this.clearSession(response);
    return session ? sessionView(session, this.methods) : { signedIn: false, signIn: this.methods };
  }

  /** Opens a session with a sign-in link's token, once. */
  @Post('sign-in-link')
  @Public()
  @HttpCode(200)
  signInWithLink(@Body() { token }: SignInLinkRequest, @Req() request: Request, @Res({ passthrough: true }) response: Response): SessionView {
    response.setHeader('Cache-Control', 'no-store');
    if (!this.access.signInLinks) throw new ProblemError(404, 'SIGN_IN_LINKS_OFF', 'This deployment signs people in through its OIDC provider, not with links');
    // A page of another site must not sign a visitor in as someone else (login CSRF).
    assertSameOrigin(request, this.access.publicUrl);
    let link: ReturnType<typeof openSignInLink>;
    try {
      link = openSignInLink(token, this.access.sessionSecret);
    } catch (error) {
      if (error instanceof InvalidSealError && error.reason === 'expired') {
        throw new ProblemError(401, 'SIGN_IN_LINK_EXPIRED', 'This sign-in link has expired (links are valid 10 minutes): print another one');
      }
      if (error instanceof InvalidSealError || error instanceof InvalidClaimsError) throw new ProblemError(401, 'SIGN_IN_LINK_INVALID', 'This is not a valid sign-in link');
      throw error;
    }
    if (!this.sessions.usedSignInLinks.claim(link.jti, link.exp)) {
      throw new ProblemError(401, 'SIGN_IN_LINK_USED', 'This sign-in link was used already: each link opens one session');
    }
    return sessionView(this.openSession(response, link, 'link'), this.methods);
  }

  /** Leaves for the provider's sign-in page (authorization code with PKCE). */
  @Get('oidc/login')
  @Public()
  async oidcLogin(@Query() { returnTo }: OidcLoginRequest, @Res() response: Response): Promise<void> {
    if (!this.oidc) throw new ProblemError(404, 'OIDC_NOT_CONFIGURED', 'No OpenID Connect provider is configured (OIDC_ISSUER)');
    const { url, transaction } = await this.oidc.start(returnTo ?? '#/');
    const exp = Math.floor(Date.now() / 1000) + OIDC_TRANSACTION_SECONDS;
    setCookie(response, this.access, cookieNames(this.access).oidcTransaction, seal({ ...transaction, exp }, this.access.sessionSecret, TRANSACTION_PURPOSE), {
      maxAgeSeconds: OIDC_TRANSACTION_SECONDS,
      sameSite: 'Lax',
    });
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(303, url);
  }

  /** The provider's redirect back: the code is exchanged, the claims mapped, the session opened. */
  @Get('oidc/callback')
  @Public()
  async oidcCallback(@Req() request: Request, @Res() response: Response): Promise<void> {
    response.setHeader('Cache-Control', 'no-store');
    const names = cookieNames(this.access);
    const sealed = cookiesOf(request).get(names.oidcTransaction);
    setCookie(response, this.access, names.oidcTransaction, '', { maxAgeSeconds: 0, sameSite: 'Lax' });
    if (!this.oidc || !this.claimsMapping) throw new ProblemError(404, 'OIDC_NOT_CONFIGURED', 'No OpenID Connect provider is configured (OIDC_ISSUER)');
    const mapping = this.claimsMapping;
    const failed = (code: string) => response.redirect(303, `${this.access.publicUrl}/#/connexion?erreur=${code}`);
    let transaction: OidcTransaction;
    try {
      transaction = unseal<OidcTransaction & { exp: number }>(sealed ?? '', this.access.sessionSecret, TRANSACTION_PURPOSE);
    } catch {
      return failed('transaction');
    }
    let claims: AccessClaims & { name?: string };
    try {
      const callbackUrl = new URL(request.originalUrl, this.access.publicUrl);
      claims = principalClaimsOf(await this.oidc.finish(callbackUrl, transaction), mapping);
    } catch (error) {
      if (error instanceof InvalidClaimsError) {
        this.logger.warn(`OIDC sign-in refused: ${error.message}`);
        return failed('droits');
      }
      this.logger.warn(`OIDC sign-in failed: ${(error as Error).message}`);
      return failed('fournisseur');
    }
    this.openSession(response, claims, 'oidc');
    response.redirect(303, `${this.access.publicUrl}/${transaction.returnTo}`);
  }

  /** Ends the session: the cookie is cleared, and the session refused from now on even if it was copied. */
  @Post('sign-out')
  @Public()
  @HttpCode(204)
  signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    response.setHeader('Cache-Control', 'no-store');
    const session = this.sessions.sessionOf(request);
    if (session) {
      assertSameOrigin(request, this.access.publicUrl);
      this.sessions.revokedSessions.claim(session.sid, session.exp);
    }
    this.clearSession(response);
  }

  private openSession(response: Response, claims: AccessClaims & { name?: string }, via: SignInMethod): SessionClaims {
    const { token, session } = mintSession(claims, via, this.access.sessionSecret, this.access.sessionLifetimeSeconds);
    setCookie(response, this.access, cookieNames(this.access).session, token, { maxAgeSeconds: this.access.sessionLifetimeSeconds, sameSite: 'Strict' });
    return session;
  }

  private clearSession(response: Response): void {
    setCookie(response, this.access, cookieNames(this.access).session, '', { maxAgeSeconds: 0, sameSite: 'Strict' });
  }
}
