import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { Client, escapeIdentifier } from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runToken } from '../../apps/cli/src/token.command';
import { grantBody } from '../support/calais-bodies';
import { startApi, type TestApi } from '../support/api';
import { laVieActive } from '../support/calais-bodies';
import { captureConsoleText } from '../support/console';
import { type AppSetup, describeWithPostgres, postgresAppSetup, postgresTestUrl } from '../support/postgres';

const now = () => Math.floor(Date.now() / 1000);
const HOUR = 3600;

/** A mandate never granted: a request for it that gets past authentication is answered 404. */
const NO_MANDATE = '0190f1c2-7a3b-7c4d-9e5f-6a7b8c9d0e1f';
const PAST_THE_DOOR = 404;

describe('bearer tokens at the door', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi({ AUTH_MAX_TOKEN_LIFETIME_HOURS: '2' })));
  afterAll(() => api.close());

  const auditor = { sub: 'auditor-1', role: 'auditor' } as const;
  const status = async (authorization: string): Promise<number> => (await api.http.get(`/mandates/${NO_MANDATE}`).set('Authorization', authorization)).status;

  it('refuses a token that never expires, with 401 INVALID_TOKEN', async () => {
    const response = await api.http.get(`/mandates/${NO_MANDATE}`).set('Authorization', api.bearer({ ...auditor, exp: undefined })).expect(401);
    expect(response.body).toMatchObject({ code: 'INVALID_TOKEN', detail: expect.stringContaining('numeric exp is required') });
  });

  it('refuses a token valid for longer than AUTH_MAX_TOKEN_LIFETIME_HOURS, with or without iat', async () => {
    expect(await status(api.bearer({ ...auditor, iat: now(), exp: now() + 2 * HOUR }))).toBe(PAST_THE_DOOR);
    expect(await status(api.bearer({ ...auditor, iat: now(), exp: now() + 3 * HOUR }))).toBe(401);
    expect(await status(api.bearer({ ...auditor, iat: undefined, exp: now() + 3 * HOUR }))).toBe(401);
  });

  it('refuses a token issued, or valid from, more than a minute in the future', async () => {
    expect(await status(api.bearer({ ...auditor, iat: now() + 30 }))).toBe(PAST_THE_DOOR);
    expect(await status(api.bearer({ ...auditor, iat: now() + 300, exp: now() + HOUR }))).toBe(401);
    expect(await status(api.bearer({ ...auditor, nbf: now() + 300 }))).toBe(401);
  });

  it('reads the Bearer scheme in any case and around extra spaces, and nothing else', async () => {
    const token = api.bearer(auditor).slice('Bearer '.length);
    for (const header of [`bearer ${token}`, `BEARER ${token}`, `Bearer   ${token}`, `  Bearer ${token}  `, `Bearer\t${token}`]) {
      expect({ header, status: await status(header) }).toEqual({ header, status: PAST_THE_DOOR });
    }
    for (const header of [`Bearer ${token} ${token}`, `Bearer`, `Bearer `, `Basic ${token}`, `Bearer${token}`, token]) {
      expect({ header, status: await status(header) }).toEqual({ header, status: 401 });
    }
  });
});

describe('bearer tokens with an issuer and an audience configured', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ml-hostile-iss-'));
  const env = { DATA_DIR: dataDir, AUTH_JWT_ISSUER: 'https://idp.example.gouv.fr', AUTH_JWT_AUDIENCE: 'mandate-ledger', AUTH_MAX_TOKEN_LIFETIME_HOURS: '12' };
  let api: TestApi;
  beforeAll(async () => (api = await startApi(env)));
  afterAll(async () => {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const auditor = { sub: 'auditor-1', role: 'auditor' } as const;
  const status = async (authorization: string): Promise<number> => (await api.http.get(`/mandates/${NO_MANDATE}`).set('Authorization', authorization)).status;

  it('accepts a token from that issuer naming that audience, alone or in a list', async () => {
    expect(await status(api.bearer(auditor))).toBe(PAST_THE_DOOR);
    expect(await status(api.bearer({ ...auditor, aud: ['other-api', 'mandate-ledger'] }))).toBe(PAST_THE_DOOR);
  });

  it('refuses a token without the issuer or the audience, or naming others', async () => {
    expect(await status(api.bearer({ ...auditor, iss: undefined }))).toBe(401);
    expect(await status(api.bearer({ ...auditor, iss: 'https://evil.example' }))).toBe(401);
    expect(await status(api.bearer({ ...auditor, aud: undefined }))).toBe(401);
    expect(await status(api.bearer({ ...auditor, aud: ['other-api'] }))).toBe(401);
  });

  it('accepts what npm run cli -- token mints with the same environment', async () => {
    const minted = await captureConsoleText(() => runToken(['--role', 'officer', '--departements', '62', '--expires-in-hours', '12'], env));
    expect(minted.code).toBe(0);
    expect(await status(`Bearer ${minted.out.trim()}`)).toBe(PAST_THE_DOOR);
  });

  it('has npm run cli -- token refuse a lifetime above the cap', async () => {
    const minted = await captureConsoleText(() => runToken(['--role', 'auditor', '--expires-in-hours', '13'], env));
    expect(minted).toMatchObject({ code: 2, out: '', err: expect.stringContaining('at most 12') });
  });
});

/** A JSON schema of the OpenAPI document, as far as the walk below reads it. */
interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly properties?: Record<string, Schema>;
  readonly items?: Schema;
  readonly allOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly anyOf?: readonly Schema[];
}

type Path = readonly (string | number)[];

/** Every path to a string in bodies of this schema (array items at index 0). */
const stringPaths = (schema: Schema, schemas: Record<string, Schema>, prefix: Path = []): Path[] => {
  if (prefix.length > 12) throw new Error(`the schema nests too deep at ${prefix.join('.')}`);
  if (schema.$ref) return stringPaths(schemas[schema.$ref.replace('#/components/schemas/', '')], schemas, prefix);
  const alternatives = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  if (alternatives.length > 0) return uniquePaths(alternatives.flatMap((s) => stringPaths(s, schemas, prefix)));
  if (schema.type === 'string') return [prefix];
  if (schema.type === 'array' && schema.items) return stringPaths(schema.items, schemas, [...prefix, 0]);
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => stringPaths(property, schemas, [...prefix, name]));
};

const uniquePaths = (paths: Path[]): Path[] => [...new Map(paths.map((p) => [p.join('.'), p])).values()];

/** A body holding `text` at `path` and nothing else. */
const bodyWith = (path: Path, text: string): unknown => {
  if (path.length === 0) return text;
  const [head, ...rest] = path;
  return typeof head === 'number' ? [bodyWith(rest, text)] : { [head]: bodyWith(rest, text) };
};

interface WriteRoute {
  readonly method: 'post' | 'patch' | 'put';
  readonly route: string;
  readonly strings: Path[];
}

describe('texts of every write request', () => {
  let api: TestApi;
  let admin: string;
  let routes: WriteRoute[];

  beforeAll(async () => {
    // Each hostile text at each of 129 fields: more requests of one admin than the rate limit allows in a minute.
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '0' });
    admin = api.bearer({ sub: 'admin-1', role: 'admin' });
    const document = (await api.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: Schema }> } }>>;
      components: { schemas: Record<string, Schema> };
    };
    routes = Object.entries(document.paths).flatMap(([route, operations]) =>
      (['post', 'patch', 'put'] as const).flatMap((method) => {
        const schema = operations[method]?.requestBody?.content?.['application/json']?.schema;
        return schema ? [{ method, route, strings: stringPaths(schema, document.components.schemas) }] : [];
      }),
    );
  });
  afterAll(() => api.close());

  /** The route with ids in place of its parameters: the body is refused before any handler looks for them. */
  const urlOf = (route: string): string => route.replace(/\{obligationId\}/g, 'maraude-minors').replace(/\{[^}]+\}/g, NO_MANDATE);

  const refusals = async (text: string): Promise<{ route: string; field: string; refused: boolean; answer: string }[]> => {
    const results = [];
    for (const { method, route, strings } of routes) {
      for (const path of strings) {
        const field = path.join('.');
        const response = await api.http[method](urlOf(route)).set('Authorization', admin).send(bodyWith(path, text) as object);
        const errors = (response.body.errors ?? []) as { field: string; messages: string[] }[];
        const refused = response.status === 400 && response.body.code === 'VALIDATION_FAILED' && errors.some((e) => e.field === field && e.messages.some((m) => m.startsWith(`${field} must`)) && e.messages.some((m) => /visible characters|bidirectional control/.test(m)));
        results.push({ route: `${method.toUpperCase()} ${route}`, field, refused, answer: refused ? '' : `${response.status} ${JSON.stringify(response.body).slice(0, 300)}` });
      }
    }
    return results;
  };

  it('finds the string fields of every write endpoint in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThanOrEqual(21);
    expect(routes.filter((r) => r.strings.length === 0).map((r) => r.route)).toEqual([]);
    expect(routes.find((r) => r.route === '/mandates')?.strings.map((p) => p.join('.'))).toEqual(
      expect.arrayContaining(['authority.name', 'instrument.reference', 'missions.0.indicators.0.name', 'territory.sites.0.name', 'legalBasis.0.reference']),
    );
  });

  it.each([
    ['empty', ''],
    ['spaces and a tab', ' \t '],
    ['zero-width and format characters', '\u200B\u200C\u200D\u2060\uFEFF\u00AD'],
    ['no-break and ideographic spaces', '\u00A0\u202F\u3000'],
    ['a Hangul filler and a variation selector', '\u3164\uFE0F'],
  ])('refuses, at every string field of every write endpoint, a text that is %s', async (_kind, text) => {
    const failures = (await refusals(text)).filter((r) => !r.refused);
    expect(failures).toEqual([]);
  });

  it.each([
    ['a right-to-left override', 'Rapport\u202Efdp.exe'],
    ['left-to-right and right-to-left marks', 'AP\u200E-2017\u200F'],
    ['directional isolates', 'CONV\u2066-2017\u2069'],
    ['the Arabic letter mark', 'TA\u061C Lille'],
  ])('refuses, at every string field of every write endpoint, a text holding %s', async (_kind, text) => {
    const failures = (await refusals(text)).filter((r) => !r.refused);
    expect(failures).toEqual([]);
  });

  it('reports a refused text with the other failing fields of the body', async () => {
    const response = await api.http.post('/operators').set('Authorization', admin).send({ ...laVieActive, name: '\u200B', legalForm: 'guild' }).expect(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', messages: [expect.stringContaining('visible characters')] },
        { field: 'legalForm', messages: [expect.any(String)] },
      ]),
    );
  });

  it('records texts in Unicode NFC, however the client composed them', async () => {
    const decomposed = 'Me\u0301decins du Monde \u2013 Pre\u0301fecture';
    const operatorId = (await api.http.post('/operators').set('Authorization', admin).send({ ...laVieActive, name: decomposed }).expect(201)).body.id;
    expect((await api.http.get(`/operators/${operatorId}`).set('Authorization', admin).expect(200)).body.name).toBe(decomposed.normalize('NFC'));
    const grant = grantBody(operatorId);
    const mandateId = (await api.http.post('/mandates').set('Authorization', admin).send({ ...grant, authority: { ...grant.authority, name: 'Pre\u0301fet du Pas-de-Calais' } }).expect(201)).body.id;
    const mandate = (await api.http.get(`/mandates/${mandateId}`).set('Authorization', admin).expect(200)).body;
    expect(mandate.authority.name).toBe('Pr\u00E9fet du Pas-de-Calais');
  });

  it('keeps texts that carry visible characters around invisible ones', async () => {
    const name = '\u00A0La Vie\u00A0Active\u200D';
    await api.http.post('/operators').set('Authorization', admin).send({ ...laVieActive, name }).expect(201);
  });
});

/** What a store's own refusals look like: a trigger that aborts every append, with internal names in its message. */
const TRIGGER_MESSAGE = 'trigger ml_hostile on table events refused row 42';

/** An app on a store, and a way to make that store's driver fail every append. */
interface StoreUnderTest {
  start(): Promise<{ api: TestApi; breakAppends(): Promise<void>; dispose(): Promise<void> }>;
}

const sqliteStore: StoreUnderTest = {
  start: async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ml-hostile-store-'));
    const api = await startApi({ DATA_DIR: dataDir });
    return {
      api,
      breakAppends: async () => {
        const db = new Database(join(dataDir, 'mandate-ledger.db'));
        db.exec(`CREATE TRIGGER ml_hostile BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, '${TRIGGER_MESSAGE}'); END`);
        db.close();
      },
      dispose: async () => {
        await api.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

const postgresStore = (setup: () => Promise<AppSetup>): StoreUnderTest => ({
  start: async () => {
    const { env, dispose } = await setup();
    const api = await startApi(env);
    const schema = escapeIdentifier(env.DATABASE_SCHEMA!);
    return {
      api,
      breakAppends: async () => {
        const client = new Client({ connectionString: postgresTestUrl });
        await client.connect();
        try {
          // RAISE without ERRCODE is SQLSTATE P0001: upper case and digits, like the project's own codes.
          await client.query(`CREATE FUNCTION ${schema}.ml_hostile() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${TRIGGER_MESSAGE}'; END $$`);
          await client.query(`CREATE TRIGGER ml_hostile BEFORE INSERT ON ${schema}.events FOR EACH ROW EXECUTE FUNCTION ${schema}.ml_hostile()`);
        } finally {
          await client.end();
        }
      },
      dispose: async () => {
        await api.close();
        await dispose();
      },
    };
  },
});

/** The answer once the read model is built: a list asked for right after start may answer 503 PROJECTION_NOT_READY. */
const once = async (ask: () => Promise<{ status: number; body: unknown }>): Promise<{ status: number; body: unknown }> => {
  for (let attempt = 0; ; attempt += 1) {
    const answer = await ask();
    if (answer.status !== 503 || attempt >= 50) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const describeStoreEdges = (adapter: string, store: StoreUnderTest) =>
  describe(`pages and driver errors (${adapter})`, () => {
    let api: TestApi;
    let breakAppends: () => Promise<void>;
    let dispose: () => Promise<void>;
    let admin: string;
    beforeAll(async () => {
      ({ api, breakAppends, dispose } = await store.start());
      admin = api.bearer({ sub: 'admin-1', role: 'admin' });
    });
    afterAll(() => dispose());

    it.each(['/mandates', '/operators', '/compliance-cases'])('refuses at %s a page past 1,000,000 with 400 naming page, and serves the last one allowed', async (list) => {
      for (const page of ['99999999999999999999', '1e300', '1000001']) {
        const response = await once(() => api.http.get(`${list}?page=${page}`).set('Authorization', admin));
        expect({ page, status: response.status, body: response.body }).toMatchObject({
          page,
          status: 400,
          body: { code: 'VALIDATION_FAILED', errors: [{ field: 'page', messages: [expect.stringContaining('page must not be greater than 1000000')] }] },
        });
      }
      const last = await once(() => api.http.get(`${list}?page=1000000&pageSize=200`).set('Authorization', admin));
      expect(last.status).toBe(200);
    });

    it('answers an error of the database driver with a generic 500 naming no engine, table or trigger, and logs it in full', async () => {
      await breakAppends();
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      try {
        const response = await api.http.post('/operators').set('Authorization', admin).send(laVieActive);
        expect({ status: response.status, body: response.body }).toEqual({
          status: 500,
          body: {
            type: 'https://mandate-ledger.fr/problems/internal-error',
            title: 'Internal Server Error',
            status: 500,
            code: 'INTERNAL_ERROR',
            detail: 'An unexpected error occurred; it has been logged',
            instance: '/operators',
          },
        });
        expect(response.text).not.toMatch(/sqlite|postgres|P0001|events|ml_hostile|row 42/i);
        expect(logged.mock.calls.map((call) => String(call[0])).join('\n')).toContain(TRIGGER_MESSAGE);
      } finally {
        logged.mockRestore();
      }
    });
  });

describeStoreEdges('SQLite, the embedded default', sqliteStore);

describeWithPostgres('pages and driver errors on PostgreSQL', () => {
  describeStoreEdges('PostgreSQL event store and read store', postgresStore(postgresAppSetup));
});
