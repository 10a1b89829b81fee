import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { RequestHandler } from 'express';
import helmet, { contentSecurityPolicy } from 'helmet';

/**
 * helmet's headers on every answer. The API serves JSON, CSV and PDF: nothing in them may load,
 * run or be framed, hence a policy that allows nothing.
 */
export const securityHeaders = (): RequestHandler =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
    frameguard: { action: 'deny' },
  });

/**
 * Swagger UI at `/docs` loads its scripts, styles and icons from this server; its page holds one
 * inline `<style>` and its stylesheet `data:` images. Without helmet's `upgrade-insecure-requests`,
 * which would break the page on the embedded default, served over plain HTTP.
 */
export const docsContentSecurityPolicy = (): RequestHandler =>
  contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  });

/** CORS for the configured origins only; the headers a browser client sends and reads. */
export const corsOptions = (origins: readonly string[]): CorsOptions => ({
  origin: [...origins],
  methods: ['GET', 'HEAD', 'POST', 'PATCH'],
  allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'X-Correlation-Id'],
  exposedHeaders: ['ETag', 'Retry-After', 'Idempotent-Replayed', 'X-Request-Id', 'X-Correlation-Id', 'X-Report-Sha256', 'X-Report-Position', 'X-Report-Revision'],
  maxAge: 600,
});
