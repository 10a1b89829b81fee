import { useEffect, useState } from 'react';

/** A console route: the path and query of the URL's fragment (`#/mandats/ID?date=2017-11-21`). */
export interface Route {
  readonly path: string;
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
}

const routeOf = (hash: string): Route => {
  const [path = '/', query = ''] = hash.replace(/^#/, '').split('?');
  const normalised = path.startsWith('/') ? path : `/${path}`;
  return { path: normalised, segments: normalised.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query) };
};

/** The current route; routes live in the fragment, so that no path of the API is ever the console's. */
export const useRoute = (): Route => {
  const [route, setRoute] = useState(() => routeOf(window.location.hash));
  useEffect(() => {
    const changed = () => setRoute(routeOf(window.location.hash));
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
};

/** `#/path?query`, leaving out empty parameters. */
export const href = (path: string, query: Record<string, string | number | undefined | null> = {}): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return `#${path}${text ? `?${text}` : ''}`;
};

export const navigate = (target: string, { replace = false } = {}): void => {
  if (replace) window.location.replace(target);
  else window.location.hash = target.replace(/^#/, '');
};
