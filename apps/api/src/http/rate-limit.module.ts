import { type DynamicModule, type ExecutionContext, Inject, Injectable, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerLimitDetail, ThrottlerModule, type ThrottlerStorage } from '@nestjs/throttler';
import type { Request } from 'express';
import { bearerTokenOf, TOKEN_VERIFICATION, type TokenVerification } from '../auth/auth.guard';
import { InvalidTokenError, verifyToken } from '@mandate-ledger/access';
import { ProblemError } from './problem';

const MINUTE_MS = 60_000;

type Counted = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * One counter per tracker and minute: constant work per request whatever the limit (the library's
 * default storage keeps a timestamp per hit and spreads them into `Math.min`). Windows that ended
 * are dropped once a minute, on the first request after.
 */
class MinuteWindows implements ThrottlerStorage {
  private readonly windows = new Map<string, { endsAt: number; hits: number }>();
  private sweptAt = Date.now();

  async increment(key: string, ttl: number, limit: number): Promise<Counted> {
    const now = Date.now();
    if (now - this.sweptAt >= ttl) {
      for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
      this.sweptAt = now;
    }
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) this.windows.set(key, (window = { endsAt: now + ttl, hits: 0 }));
    window.hits += 1;
    const timeToExpire = Math.ceil((window.endsAt - now) / 1000);
    const isBlocked = window.hits > limit;
    return { totalHits: window.hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }
}

/** Load balancers and orchestrators probe these: never limited. */
const isHealthCheck = (request: Request): boolean => request.path === '/health' || request.path.startsWith('/health/');

/**
 * Counts requests per principal (the `sub` of a valid token), else per client address, across all
 * routes; over the limit, 429 RATE_LIMITED with `Retry-After`.
 */
@Injectable()
class PrincipalThrottlerGuard extends ThrottlerGuard {
  @Inject(TOKEN_VERIFICATION) private readonly verification!: TokenVerification;

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return isHealthCheck(context.switchToHttp().getRequest<Request>());
  }

  // Verified here as the AuthGuard will verify it: a made-up `sub` must not buy a fresh allowance.
  protected override async getTracker(request: Request): Promise<string> {
    const token = bearerTokenOf(request.headers.authorization);
    if (token) {
      try {
        return `sub:${verifyToken(token, this.verification.jwtSecret, this.verification.tokenPolicy).sub}`;
      } catch (error) {
        if (!(error instanceof InvalidTokenError)) throw error;
      }
    }
    return `ip:${await super.getTracker(request)}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, { limit, tracker, timeToBlockExpire }: ThrottlerLimitDetail): Promise<void> {
    const who = tracker.startsWith('sub:') ? 'this principal' : 'this address';
    throw new ProblemError(429, 'RATE_LIMITED', `More than ${limit} requests in a minute from ${who}; retry in ${timeToBlockExpire} s`, undefined, {
      'Retry-After': String(timeToBlockExpire),
    });
  }
}

/**
 * The rate limit per principal (`RATE_LIMIT_PER_MINUTE`, 0: none). Imported before `AuthModule`, so
 * that its guard runs first and requests with refused tokens are counted too, per address.
 */
@Module({})
export class RateLimitModule {
  static forRoot(limitPerMinute: number, verification: TokenVerification): DynamicModule {
    if (limitPerMinute === 0) return { module: RateLimitModule };
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [{ ttl: MINUTE_MS, limit: limitPerMinute }],
          storage: new MinuteWindows(),
          // X-RateLimit-* on every answer would be noise; a refusal says when to come back.
          setHeaders: false,
        }),
      ],
      providers: [{ provide: TOKEN_VERIFICATION, useValue: verification }, { provide: APP_GUARD, useClass: PrincipalThrottlerGuard }],
    };
  }
}
