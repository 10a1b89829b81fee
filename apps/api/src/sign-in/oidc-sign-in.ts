import type * as OpenIdClient from 'openid-client';
import { isLoopbackHttp, type OidcConfig } from './oidc-config';

/**
 * openid-client is an ES module: required when a provider is configured, which Node 20.19+ does
 * natively (no top-level await in it). Nothing else loads it, so jest suites that never configure a
 * provider never meet it.
 */
const openIdClient = (): Promise<typeof OpenIdClient> => import('openid-client');

/** What the browser keeps between leaving for the provider and coming back (sealed in a cookie). */
export interface OidcTransaction {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** The console route to return to (a fragment such as `#/mandats`). */
  readonly returnTo: string;
}

/** Authorization code with PKCE against the configured provider (openid-client). */
export class OidcSignIn {
  private configuration?: Promise<OpenIdClient.Configuration>;

  constructor(
    private readonly config: OidcConfig,
    private readonly redirectUri: string,
  ) {}

  /** The provider's metadata, discovered once (again after a failure). */
  private async client(): Promise<{ lib: typeof OpenIdClient; configuration: OpenIdClient.Configuration }> {
    const lib = await openIdClient();
    this.configuration ??= lib
      .discovery(
        new URL(this.config.issuer),
        this.config.clientId,
        this.config.clientSecret,
        this.config.clientSecret === undefined ? lib.None() : undefined,
        isLoopbackHttp(this.config.issuer) ? { execute: [lib.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return { lib, configuration: await this.configuration };
  }

  /** The provider's authorization URL for a new sign-in, and what to keep to finish it. */
  async start(returnTo: string): Promise<{ url: string; transaction: OidcTransaction }> {
    const { lib, configuration } = await this.client();
    const codeVerifier = lib.randomPKCECodeVerifier();
    const transaction = { state: lib.randomState(), nonce: lib.randomNonce(), codeVerifier, returnTo };
    const url = lib.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: this.config.scopes,
      code_challenge: await lib.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
    });
    return { url: url.href, transaction };
  }

  /**
   * Exchanges the code of the provider's redirect (state, nonce and PKCE checked by openid-client)
   * and returns the person's claims: the ID token's, completed by the userinfo endpoint's.
   */
  async finish(callbackUrl: URL, transaction: OidcTransaction): Promise<Record<string, unknown>> {
    const { lib, configuration } = await this.client();
    const tokens = await lib.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: transaction.codeVerifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    if (!configuration.serverMetadata().userinfo_endpoint) return { ...idClaims };
    const userinfo = await lib.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
    return { ...userinfo, ...idClaims };
  }

  /** Where the provider publishes its signing keys. */
  async jwksUri(): Promise<string> {
    const { configuration } = await this.client();
    const uri = configuration.serverMetadata().jwks_uri;
    if (!uri) throw new Error(`The provider ${this.config.issuer} publishes no jwks_uri`);
    return uri;
  }
}
