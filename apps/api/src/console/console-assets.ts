import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type NextFunction, type Request, type RequestHandler, type Response, Router, static as serveStatic } from 'express';
import { contentSecurityPolicy } from 'helmet';
import { problem, sendProblem } from '../http/problem';
import type { ConsoleConfig } from './console-config';

/**
 * react-dsfr writes one `<style>` element, `:root { color-scheme: light|dark; }`, to follow the
 * colour scheme: allowed by its hash rather than with 'unsafe-inline'.
 */
const COLOR_SCHEME_STYLES = ["'sha256-HzhUjVBe6Oi2wcxUM7bmy2Rp9VdLMHYDdYr9MalNmOY='", "'sha256-xVQ4mcypV0CvOtZpQgVcKpcoNvdUkR9BrwZBrtBbU+w='"];

/**
 * The console's page loads only its own scripts, styles, fonts and images (DSFR's small icons are
 * `data:` URIs) and talks only to this server. Without `upgrade-insecure-requests`: the embedded
 * default is served over plain HTTP on localhost.
 */
export const consoleContentSecurityPolicy = (): RequestHandler =>
  contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", ...COLOR_SCHEME_STYLES],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  });

/** A browser navigating asks for HTML; a program asking for JSON at `/` gets the API's 404, not the page. */
const wantsPage = (request: Request): boolean => request.accepts(['text/html', 'application/json']) === 'text/html';

const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * The web console at `/` (DESIGN §2): its page at `/` only, its content-hashed files under `/assets/`
 * cached for a year. Its routes live in the URL's fragment (`/#/mandats`), so no API path is ever
 * answered with the page: `GET /mandates` stays the API's JSON.
 */
export const consoleAssets = ({ dir }: ConsoleConfig): Router => {
  const router = Router();
  const page = join(dir, 'index.html');
  const csp = consoleContentSecurityPolicy();
  router.get(['/', '/index.html'], (request: Request, response: Response, next: NextFunction) => {
    if (!wantsPage(request)) return next();
    if (!existsSync(page)) {
      return sendProblem(response, request, problem(503, 'CONSOLE_NOT_BUILT', 'The web console is not built: run npm run build:console (npm start does it)'));
    }
    csp(request, response, () => {
      // Revalidated every time (ETag), so that a new build's hashed files are picked up at once.
      response.sendFile(page, { cacheControl: false, headers: { 'Cache-Control': 'no-cache' } }, (error) => error && next(error));
    });
  });
  router.use(
    '/assets',
    serveStatic(join(dir, 'assets'), {
      index: false,
      redirect: false,
      dotfiles: 'ignore',
      immutable: true,
      maxAge: YEAR_SECONDS * 1000,
    }),
  );
  return router;
};
