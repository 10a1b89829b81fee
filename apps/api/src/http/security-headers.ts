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
