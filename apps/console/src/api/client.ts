/** A problem (RFC 9457) the API answered with, or a network failure (status 0). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: readonly { field: string; messages: readonly string[] }[] = [],
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }
}

/** The API answers 401 when the session ended: the console then asks to sign in again. */
let onUnauthenticated: (() => void) | undefined;
export const whenUnauthenticated = (callback: () => void): void => {
  onUnauthenticated = callback;
};

const problemOf = async (response: Response): Promise<ApiProblem> => {
  type Body = { code?: string; detail?: string; title?: string; errors?: ApiProblem['errors'] };
  let body: Body = {};
  try {
    body = (await response.json()) as Body;
  } catch {
    // Not JSON: a proxy's page, a crash.
  }
  return new ApiProblem(response.status, body.code ?? `HTTP_${response.status}`, body.detail ?? body.title ?? response.statusText, body.errors ?? []);
};

const send = async (path: string, init: RequestInit): Promise<Response> => {
  let response: Response;
  try {
    // Same origin: the session cookie goes along; nothing else is needed.
    response = await fetch(path, { credentials: 'same-origin', ...init, headers: { Accept: 'application/json', ...init.headers } });
  } catch {
    throw new ApiProblem(0, 'NETWORK', 'Le service ne répond pas');
  }
  if (response.status === 401 && !path.startsWith('/auth/')) onUnauthenticated?.();
  if (!response.ok) throw await problemOf(response);
  return response;
};

/** GET a JSON answer, with its ETag (the resource's revision) when it has one. */
export const getJson = async <T>(path: string, signal?: AbortSignal): Promise<{ body: T; etag: string | null; headers: Headers }> => {
  const response = await send(path, { signal });
  return { body: (await response.json()) as T, etag: response.headers.get('ETag'), headers: response.headers };
};

export const get = async <T>(path: string, signal?: AbortSignal): Promise<T> => (await getJson<T>(path, signal)).body;

/** What every write answers (DESIGN §4). */
export interface WriteResult {
  readonly id: string;
  readonly revision: number;
  readonly position: string;
}

/**
 * The log position of this browser's last write. Lists and histories come from read models that
 * follow the log; asking them for `minPosition` shows what one just recorded (read your writes).
 */
let lastWrittenPosition: string | undefined;
export const minPosition = (): string | undefined => lastWrittenPosition;

const remember = (position: unknown): void => {
  if (typeof position === 'string' && /^\d+$/.test(position) && (lastWrittenPosition === undefined || BigInt(position) > BigInt(lastWrittenPosition))) {
    lastWrittenPosition = position;
  }
};

/** A POST or PATCH; `ifMatch` makes it conditional on the revision last read (412 if someone changed it since). */
export const write = async <T = WriteResult>(method: 'POST' | 'PATCH', path: string, body: unknown, { ifMatch }: { ifMatch?: string | null } = {}): Promise<T> => {
  const response = await send(path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(ifMatch ? { 'If-Match': ifMatch } : {}) },
    body: JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const answer = (await response.json()) as T;
  remember((answer as { position?: unknown }).position);
  return answer;
};

/** `/path?query` leaving out empty parameters. */
export const apiPath = (path: string, query: Record<string, string | number | undefined | null> = {}): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
};
