import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard, JWT_SECRET } from './auth.guard';

/** Puts the bearer-token guard in front of every route (opt out with `@Public()`). */
@Module({})
export class AuthModule {
  static forRoot(jwtSecret: string): DynamicModule {
    return {
      module: AuthModule,
      providers: [{ provide: JWT_SECRET, useValue: jwtSecret }, { provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
