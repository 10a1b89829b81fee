import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard, TOKEN_VERIFICATION, type TokenVerification } from './auth.guard';

/** Puts the bearer-token guard in front of every route (opt out with `@Public()`). */
@Module({})
export class AuthModule {
  static forRoot(verification: TokenVerification): DynamicModule {
    return {
      module: AuthModule,
      providers: [{ provide: TOKEN_VERIFICATION, useValue: verification }, { provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
