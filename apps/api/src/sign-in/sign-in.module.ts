import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { SESSION_AUTHENTICATION } from '../auth/session-authentication';
import { ConsoleAuthentication, PROVIDER_TOKENS } from './console-authentication';
import { OidcSignIn } from './oidc-sign-in';
import { ProviderTokens } from './provider-tokens';
import { OIDC_SIGN_IN, SignInController } from './sign-in.controller';

/**
 * People's ways in (DESIGN §6): sign-in links and OIDC, ending in a console session; and, for the
 * AuthGuard, the principals of session cookies and of the provider's bearer tokens. Global, so that
 * the guard AuthModule provides finds it.
 */
@Global()
@Module({})
export class SignInModule {
  static forRoot(config: AppConfig): DynamicModule {
    const oidc = config.oidc && new OidcSignIn(config.oidc, `${config.access.publicUrl}/auth/oidc/callback`);
    const providerTokens = config.oidc && oidc && new ProviderTokens(config.oidc, oidc, config.auth.tokenPolicy);
    return {
      module: SignInModule,
      controllers: [SignInController],
      providers: [
        { provide: OIDC_SIGN_IN, useValue: oidc ?? null },
        { provide: PROVIDER_TOKENS, useValue: providerTokens ?? null },
        ConsoleAuthentication,
        { provide: SESSION_AUTHENTICATION, useExisting: ConsoleAuthentication },
      ],
      exports: [SESSION_AUTHENTICATION],
    };
  }
}
