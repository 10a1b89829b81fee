import fc from 'fast-check';
import { startApi, type TestApi } from '../support/api';
import { laVieActive } from '../support/calais-bodies';

// Malformed bodies thrown at every write endpoint, as an admin, against a registered operator, a
// granted mandate and a compliance case with one obligation: each must be refused with a 4xx
// problem and leave the event log as it was.

type Json = fc.JsonValue;
type JsonObject = { [key: string]: Json | undefined };
type Path = readonly (string | number)[];

interface Targets {
  readonly operatorId: string;
  readonly mandateId: string;
  /** A case of the Lille order with its obligation `maraude-minors`. */
  readonly complianceCaseId: string;
}

const OBLIGATION_ID = 'maraude-minors';

interface WriteEndpoint {
  readonly method: 'POST' | 'PATCH';
  readonly route: string;
  readonly path: (targets: Targets) => string;
  readonly valid: (targets: Targets) => JsonObject;
  /** Members (dotted paths) that may be left out; leaving out any other member makes the body invalid. */
  readonly optional: readonly string[];
}

const staff = { salariedFte: 6, volunteers: 12 };

const ENDPOINTS: readonly WriteEndpoint[] = [
  {
    method: 'POST',
    route: '/operators',
    path: () => '/operators',
    valid: () => ({ ...laVieActive, departements: [...laVieActive.departements], languages: [...laVieActive.languages] }),
    // A SIRET or an RNA number is required: with both given, either may go.
    optional: ['siret', 'rna'],
  },
  {
    method: 'PATCH',
    route: '/operators/:id',
    path: ({ operatorId }) => `/operators/${operatorId}`,
    // Without siret and rna: `null` is a valid value for them (it removes them).
    valid: () => ({ name: 'La Vie Active', legalForm: 'association', departements: ['59', '62'], languages: ['ar', 'prs'], salariedFte: 124.5 }),
    optional: ['name', 'legalForm', 'departements', 'languages', 'salariedFte'],
  },
  {
    method: 'POST',
    route: '/operators/:id/deregistration',
    path: ({ operatorId }) => `/operators/${operatorId}/deregistration`,
    valid: () => ({ effectiveFrom: '2018-01-31', reason: 'association dissolved' }),
    optional: [],
  },
  {
    method: 'POST',
    route: '/mandates',
    path: () => '/mandates',
    valid: ({ operatorId }) => ({
      operatorId,
      authority: { kind: 'prefecture', name: 'Préfet du Pas-de-Calais', siret: '13000548100002', departement: '62' },
      instrument: { kind: 'annual_agreement', reference: 'CONV-2017-62-014', decisionDate: '2017-07-27', signatureDate: '2017-07-27' },
      legalBasis: [
        { source: 'CASF', article: 'D.345-8' },
        { source: 'court_decision', reference: 'TA Lille 1705379' },
      ],
      missions: [{ type: 'MARAUDE_MINORS', indicators: [{ name: 'minors_found', unit: 'persons', target: 100, kind: 'count', label: 'mineurs rencontrés' }] }],
      territory: { departement: '62', communes: ['62193'], sites: [{ name: 'Rue des Verrotières', commune: '62193' }] },
      period: { start: '2017-07-27', end: '2017-12-31' },
      financing: { amountCents: 12_000_000, nature: 'cash', paymentTerms: 'instalments', programme: '177', chorusCommitment: '2100456789' },
      staffing: { salariedFte: 6, volunteers: 4 },
    }),
    optional: [
      'instrument.signatureDate',
      'missions.0.indicators.0.kind',
      'missions.0.indicators.0.label',
      'territory.sites',
      'territory.sites.0.commune',
      'financing.chorusCommitment',
      'staffing.volunteers',
    ],
  },
  {
    method: 'POST',
    route: '/mandates/:id/amendments',
    path: ({ mandateId }) => `/mandates/${mandateId}/amendments`,
    valid: () => ({ effectiveFrom: '2017-11-01', decisionReference: 'AVENANT-1', changes: { staffing: { salariedFte: 8 } } }),
    optional: [],
  },
  {
    method: 'POST',
    route: '/mandates/:id/renewals',
    path: ({ mandateId }) => `/mandates/${mandateId}/renewals`,
    valid: () => ({
      newEnd: '2018-06-30',
      decisionReference: 'CONV-2018-62-003',
      financing: { amountCents: 6_000_000, nature: 'cash', paymentTerms: 'single', programme: '303', chorusCommitment: '2100456790' },
    }),
    optional: ['financing', 'financing.chorusCommitment'],
  },
  {
    method: 'POST',
    route: '/mandates/:id/suspensions',
    path: ({ mandateId }) => `/mandates/${mandateId}/suspensions`,
    valid: () => ({ effectiveFrom: '2017-10-02', reason: 'staff safety', decisionReference: 'AP-2017-1004' }),
    optional: [],
  },
  {
    method: 'POST',
    route: '/mandates/:id/reinstatements',
    path: ({ mandateId }) => `/mandates/${mandateId}/reinstatements`,
    valid: () => ({ effectiveFrom: '2017-10-09', decisionReference: 'AP-2017-1011' }),
    optional: [],
  },
  {
    method: 'POST',
    route: '/mandates/:id/activity-reports',
    path: ({ mandateId }) => `/mandates/${mandateId}/activity-reports`,
    valid: () => ({ periodStart: '2017-08-01', periodEnd: '2017-08-31', indicators: [{ name: 'minors_found', value: 143 }], staff }),
    optional: ['staff.volunteers'],
  },
  {
    method: 'POST',
    route: '/mandates/:id/completion',
    path: ({ mandateId }) => `/mandates/${mandateId}/completion`,
    valid: () => ({ completedOn: '2018-06-30', summary: 'Daily outreach held all year', indicators: [{ name: 'minors_found', value: 1210 }], staff }),
    optional: ['staff.volunteers'],
  },
  {
    method: 'POST',
    route: '/mandates/:id/terminations',
    path: ({ mandateId }) => `/mandates/${mandateId}/terminations`,
    valid: () => ({ effectiveFrom: '2017-11-15', reason: 'operator withdrew', decisionReference: 'AP-2017-1115' }),
    optional: [],
  },
  {
    method: 'POST',
    route: '/compliance-cases',
    path: () => '/compliance-cases',
    valid: () => ({ court: 'Tribunal administratif de Lille', caseNumbers: ['1705379'], decisionDate: '2017-06-26', procedure: 'refere_liberte' }),
    optional: [],
  },
  {
    method: 'POST',
    route: '/compliance-cases/:id/appeals',
    path: ({ complianceCaseId }) => `/compliance-cases/${complianceCaseId}/appeals`,
    valid: () => ({ court: "Conseil d'État", caseNumbers: ['412125', '412171'], decisionDate: '2017-07-31', outcome: 'upheld', supersedes: [] }),
    optional: ['supersedes'],
  },
  {
    method: 'POST',
    route: '/compliance-cases/:id/obligations',
    path: ({ complianceCaseId }) => `/compliance-cases/${complianceCaseId}/obligations`,
    valid: () => ({
      obligationId: 'water-points',
      decision: '1705379',
      article: 'art. 3',
      text: 'créer plusieurs points d’eau permettant de boire, de se laver et de laver leurs vêtements',
      addressees: [{ kind: 'prefet', name: 'Préfet du Pas-de-Calais' }, { kind: 'commune', name: 'Commune de Calais' }],
      missionType: 'WATER_ACCESS',
      territory: { departement: '62', communes: ['62193'], sites: [{ name: 'Rue des Verrotières', commune: '62193' }] },
      deadlineDays: 10,
      oneOff: false,
      penaltyPerDayCents: 10_000,
      penaltyScope: 'obligation',
      penaltyStartsOn: '2017-07-14',
      supersedes: [],
    }),
    optional: ['addressees.0.name', 'addressees.1.name', 'territory.sites', 'territory.sites.0.commune', 'oneOff', 'penaltyScope', 'penaltyStartsOn', 'supersedes'],
  },
  {
    method: 'POST',
    route: '/compliance-cases/:id/notifications',
    path: ({ complianceCaseId }) => `/compliance-cases/${complianceCaseId}/notifications`,
    valid: () => ({ decision: '1705379', notifiedOn: '2017-07-03' }),
    optional: [],
  },
  {
    method: 'POST',
    route: '/compliance-cases/:id/measures',
    path: ({ complianceCaseId }) => `/compliance-cases/${complianceCaseId}/measures`,
    valid: ({ mandateId }) => ({ obligationId: OBLIGATION_ID, mandateId, effectiveFrom: '2017-07-27' }),
    optional: [],
  },
  {
    method: 'POST',
    route: '/compliance-cases/:id/evidence',
    path: ({ complianceCaseId }) => `/compliance-cases/${complianceCaseId}/evidence`,
    valid: () => ({ sha256: 'ab'.repeat(32), title: 'Rapport de la maraude, août 2017', documentDate: '2017-09-05', obligationId: OBLIGATION_ID }),
    optional: ['obligationId'],
  },
  {
    method: 'POST',
    route: '/compliance-cases/:id/consultations',
    path: ({ complianceCaseId }) => `/compliance-cases/${complianceCaseId}/consultations`,
    valid: () => ({ heldOn: '2017-09-20', parties: ['Préfet du Pas-de-Calais', 'Secours catholique'], summary: 'Point sur les maraudes' }),
    optional: [],
  },
  {
    method: 'POST',
    route: '/compliance-cases/:id/liquidations',
    path: ({ complianceCaseId }) => `/compliance-cases/${complianceCaseId}/liquidations`,
    valid: () => ({
      obligationId: OBLIGATION_ID,
      decisionReference: 'TA Lille 1707711',
      liquidatedOn: '2017-10-20',
      period: { from: '2017-07-14', to: '2017-07-26' },
      amountCents: 90_000,
      stateShareCents: 22_500,
      moderation: 'diligences accomplies par le préfet',
    }),
    optional: ['moderation'],
  },
  {
    method: 'POST',
    route: '/compliance-cases/:id/reviews',
    path: ({ complianceCaseId }) => `/compliance-cases/${complianceCaseId}/reviews`,
    valid: () => ({ reviewId: 'bilan-1', kind: 'bilan', decision: '1705379', dueOn: '2017-08-31', subject: 'bilan des mesures prises', obligationIds: [OBLIGATION_ID] }),
    optional: ['obligationIds'],
  },
  {
    method: 'POST',
    route: '/compliance-cases/:id/obligations/:obligationId/satisfaction',
    path: ({ complianceCaseId }) => `/compliance-cases/${complianceCaseId}/obligations/${OBLIGATION_ID}/satisfaction`,
    valid: () => ({ satisfiedOn: '2017-09-01', reason: 'maraude held daily since 27 July' }),
    optional: [],
  },
  {
    method: 'POST',
    route: '/compliance-cases/:id/obligations/:obligationId/contestation',
    path: ({ complianceCaseId }) => `/compliance-cases/${complianceCaseId}/obligations/${OBLIGATION_ID}/contestation`,
    valid: () => ({ contestedOn: '2017-10-10', contestedBy: 'Secours catholique', reason: 'no maraude during the suspension' }),
    optional: [],
  },
  {
    method: 'POST',
    route: '/compliance-cases/:id/closure',
    path: ({ complianceCaseId }) => `/compliance-cases/${complianceCaseId}/closure`,
    valid: () => ({ closedOn: '2018-01-10', reason: 'injunctions executed' }),
    optional: [],
  },
];

/** Every field name of every request DTO: a member added under another name is unknown wherever it goes. */
const KNOWN_FIELDS = new Set([
  ...ENDPOINTS.flatMap((e) => pathsOf(e.valid({ operatorId: 'x', mandateId: 'x', complianceCaseId: 'x' })).flatMap((p) => p.filter((s): s is string => typeof s === 'string'))),
  ...['id', 'cpv', 'schedule', 'dueDate', 'linkedObligations', 'complianceCaseId', 'obligationId', 'missions', 'territory', 'financing', 'periodEnd'],
]);

/** Names that objects inherit, or that prototype-pollution guards delete: unknown members all the same, to be refused like any other. */
const PROTOTYPE_NAMES = [
  '__proto__',
  'prototype',
  'constructor',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__lookupSetter__',
];

/** One malformed request, as a small description: fast-check prints it when a run fails. */
type Attempt =
  | { readonly kind: 'json'; readonly body: Json }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'bytes'; readonly bytes: number[] }
  | { readonly kind: 'content-type'; readonly contentType: string | null }
  | { readonly kind: 'content-encoding'; readonly contentEncoding: string }
  | { readonly kind: 'deep'; readonly at: 'body' | 'unknown member' | Path; readonly shape: 'array' | 'object'; readonly depth: number };

const DEEP_PLACEHOLDER = 'deep-junk-goes-here';

describe('malformed bodies at every write endpoint', () => {
  let api: TestApi;
  let admin: string;
  let baseUrl: string;

  beforeAll(async () => {
    // About 600 requests of one admin in a few seconds: the rate limit per principal would answer 429.
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '0' });
    admin = api.bearer({ sub: 'admin-1', role: 'admin' });
    baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(() => api.close());

  const endpoint = (route: string) => ENDPOINTS.find((e) => e.route === route)!;

  const send = (method: string, path: string, body?: string | Uint8Array, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}${path}`, { method, headers: { authorization: admin, ...headers }, body });

  /** Sends a target's valid body: the write must succeed. */
  const write = async (target: WriteEndpoint, ids: Targets): Promise<{ answer: { id: string; revision: number }; etag: string | null }> => {
    const response = await send(target.method, target.path(ids), JSON.stringify(target.valid(ids)), { 'content-type': 'application/json' });
    const text = await response.text();
    if (!response.ok) throw new Error(`${target.method} ${target.route} answered ${response.status}: ${text}`);
    return { answer: JSON.parse(text), etag: response.headers.get('etag') };
  };

  const created = async (target: WriteEndpoint, ids: Targets): Promise<{ id: string }> => (await write(target, ids)).answer;

  /** A registered operator, a mandate granted to it and a case with an obligation, of their own: a write that wrongly lands in one test spoils no other. */
  const newTargets = async (): Promise<Targets> => {
    const none = { operatorId: '', mandateId: '', complianceCaseId: '' };
    const operatorId = (await created(ENDPOINTS[0], none)).id;
    const mandateId = (await created(endpoint('/mandates'), { ...none, operatorId })).id;
    const complianceCaseId = (await created(endpoint('/compliance-cases'), none)).id;
    const targets = { operatorId, mandateId, complianceCaseId };
    const obligations = endpoint('/compliance-cases/:id/obligations');
    await created({ ...obligations, valid: (ids) => ({ ...obligations.valid(ids), obligationId: OBLIGATION_ID }) }, targets);
    return targets;
  };

  const headPosition = async (): Promise<string | null> => ((await (await send('GET', '/health/details')).json()) as { eventStore: { headPosition: string | null } }).eventStore.headPosition;

  const historyLength = async (mandateId: string): Promise<number> => ((await (await send('GET', `/mandates/${mandateId}/history`)).json()) as unknown[]).length;

  it('accepts every valid body the mutations start from, each answered with id, revision, position and the ETag', async () => {
    // In turn on one operator, one mandate and one case, except that a deregistered operator gets no
    // mandate, a terminated mandate completes nothing and a closed case takes nothing: those three
    // get targets of their own.
    const shared = await newTargets();
    for (const target of ENDPOINTS) {
      const own = ['/operators/:id/deregistration', '/mandates/:id/terminations', '/compliance-cases/:id/closure'].includes(target.route);
      const { answer, etag } = await write(target, own ? await newTargets() : shared);
      expect({ route: target.route, answer, etag }).toEqual({
        route: target.route,
        answer: { id: expect.any(String), revision: expect.any(Number), position: expect.stringMatching(/^\d+$/) },
        etag: `"${answer.revision}"`,
      });
    }
  });

  it.each(ENDPOINTS.map((e, index) => [`${e.method} ${e.route}`, e, index] as const))(
    'refuses malformed bodies at %s with a 4xx problem, and appends nothing',
    async (_name, target, index) => {
      const targets = await newTargets();
      const events = await historyLength(targets.mandateId);
      await fc.assert(
        fc.asyncProperty(attempts(target.valid(targets), target.optional), async (attempt) => {
          const before = await headPosition();
          const { body, headers } = requestOf(attempt, target.valid(targets));
          const response = await send(target.method, target.path(targets), body, headers);
          const text = await response.text();
          // Never a 2xx, never a 5xx: the status comes with the start of the body, to tell why.
          expect(`${response.status} ${text.slice(0, 300)}`).toMatch(/^4\d\d /);
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(JSON.parse(text)).toMatchObject({ code: expect.stringMatching(/^[A-Z][A-Z0-9_]+$/), status: response.status });
          expect(await headPosition()).toBe(before);
        }),
        { seed: 4242 + index, numRuns: 40 },
      );
      expect(await historyLength(targets.mandateId)).toBe(events);
    },
  );
});

/** Every kind of malformed request built from a valid body. */
const attempts = (valid: JsonObject, optional: readonly string[]): fc.Arbitrary<Attempt> => {
  const paths = pathsOf(valid);
  const required = paths.filter((p) => typeof p[p.length - 1] === 'string' && !optional.includes(p.join('.')));
  const objects: Path[] = [[], ...paths.filter((p) => isObject(valueAt(valid, p)))];
  const json = (body: fc.Arbitrary<Json>) => body.map((b): Attempt => ({ kind: 'json', body: b }));
  return fc.oneof(
    // Any JSON value, unless its members are all known ones: those might form a valid body.
    json(fc.jsonValue().filter((value) => !isObject(value) || Object.keys(value).length === 0 || Object.keys(value).some((k) => !KNOWN_FIELDS.has(k)))),
    // A required member left out; when all are optional (PATCH), all of them.
    json(required.length > 0 ? fc.constantFrom(...required).map((p) => removeAt(valid, p)) : fc.constant({})),
    // A member or an item replaced by a value of another JSON type.
    json(fc.constantFrom(...paths).chain((p) => otherKind(valueAt(valid, p)).map((value) => replaceAt(valid, p, value)))),
    // A member or an item replaced by a value of its type that is out of range.
    json(fc.constantFrom(...paths).chain((p) => outOfRange(valueAt(valid, p)).map((value) => replaceAt(valid, p, value)))),
    // An unknown member, at the top level or in a nested object.
    json(
      fc
        .tuple(fc.constantFrom(...objects), fc.oneof(fc.string(), fc.constantFrom(...PROTOTYPE_NAMES, '')), fc.jsonValue({ maxDepth: 2 }))
        .filter(([, key]) => !KNOWN_FIELDS.has(key))
        .map(([p, key, value]) => addMemberAt(valid, p, key, value)),
    ),
    // Text that is not JSON: random, or a valid body cut short.
    fc.oneof(fc.string({ unit: 'binary' }).filter((t) => !parsesAsJsonObject(t)), fc.nat().map((n) => JSON.stringify(valid).slice(0, n % JSON.stringify(valid).length))).map(
      (text): Attempt => ({ kind: 'text', text }),
    ),
    // Random bytes, announced as JSON.
    fc
      .uint8Array({ minLength: 1, maxLength: 300 })
      .filter((bytes) => !parsesAsJsonObject(Buffer.from(bytes).toString('utf8')))
      .map((bytes): Attempt => ({ kind: 'bytes', bytes: [...bytes] })),
    // The valid body under a content type the API does not read, or none.
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/octet-stream',
        'text/json',
        'application/vnd.api+json',
        'application/json; charset=latin1',
        null,
      )
      .map((contentType): Attempt => ({ kind: 'content-type', contentType })),
    // The valid body, plain, announced as compressed.
    fc.constantFrom('gzip', 'deflate', 'br', 'compress', 'zstd').map((contentEncoding): Attempt => ({ kind: 'content-encoding', contentEncoding })),
    // Junk nested thousands deep: as the body, under an unknown member, or instead of a member.
    fc
      .record({
        at: fc.oneof(fc.constantFrom('body' as const, 'unknown member' as const), fc.constantFrom(...paths)),
        shape: fc.constantFrom('array' as const, 'object' as const),
        depth: fc.integer({ min: 10, max: 20_000 }),
      })
      .map((deep): Attempt => ({ kind: 'deep', ...deep })),
  );
};

/** The request an attempt describes: its body and headers. */
const requestOf = (attempt: Attempt, valid: JsonObject): { body: string | Uint8Array; headers: Record<string, string> } => {
  const json = { 'content-type': 'application/json' };
  switch (attempt.kind) {
    case 'json':
      return { body: JSON.stringify(attempt.body), headers: json };
    case 'text':
      return { body: attempt.text, headers: json };
    case 'bytes':
      return { body: Uint8Array.from(attempt.bytes), headers: json };
    case 'content-type':
      // A Uint8Array body gets no default Content-Type from fetch.
      return attempt.contentType === null
        ? { body: Buffer.from(JSON.stringify(valid)), headers: {} }
        : { body: JSON.stringify(valid), headers: { 'content-type': attempt.contentType } };
    case 'content-encoding':
      return { body: JSON.stringify(valid), headers: { ...json, 'content-encoding': attempt.contentEncoding } };
    case 'deep': {
      // A value other than the one replaced, so that the member becomes invalid whatever its type.
      const shape = typeof attempt.at !== 'string' && Array.isArray(valueAt(valid, attempt.at)) ? 'object' : attempt.shape;
      const [open, close] = shape === 'array' ? ['[', ']'] : ['{"junk":', '}'];
      const deep = `${open.repeat(attempt.depth)}1${close.repeat(attempt.depth)}`;
      if (attempt.at === 'body') return { body: deep, headers: json };
      const holder = attempt.at === 'unknown member' ? addMemberAt(valid, [], 'junk', DEEP_PLACEHOLDER) : replaceAt(valid, attempt.at, DEEP_PLACEHOLDER);
      return { body: JSON.stringify(holder).replace(JSON.stringify(DEEP_PLACEHOLDER), deep), headers: json };
    }
  }
};

const otherKind = (value: Json): fc.Arbitrary<Json> => {
  const kinds: Record<string, fc.Arbitrary<Json>> = {
    string: fc.string(),
    number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
    boolean: fc.boolean(),
    null: fc.constant(null),
    array: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
    object: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  };
  return fc.oneof(...Object.entries(kinds).filter(([kind]) => kind !== kindOf(value)).map(([, arbitrary]) => arbitrary));
};

/** Every field is bounded: no text above 4000 characters, no number below 0 or above 10^13, no more than 4 decimals, no list above 500 items. */
const outOfRange = (value: Json): fc.Arbitrary<Json> => {
  if (typeof value === 'string') {
    const texts = [fc.constant(''), fc.integer({ min: 4001, max: 6000 }).map((n) => 'x'.repeat(n))];
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) texts.push(fc.constantFrom('2017-02-30', '2019-02-29', '2017-13-01', '2017-7-27', '27/07/2017', '2017-07-27T00:00:00Z', ' 2017-07-27'));
    return fc.oneof(...texts);
  }
  if (typeof value === 'number') {
    return fc.oneof(
      fc.double({ min: -1e15, max: -0.001, noNaN: true }),
      fc.double({ min: 1e13 + 1, max: 1e300, noNaN: true }),
      fc.integer({ min: 0, max: 99_999 }).map((n) => n + 0.123457),
    );
  }
  if (Array.isArray(value)) return fc.constant(Array.from({ length: 501 }, () => value[0] ?? 'x'));
  return fc.constant({});
};

function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => [[...prefix, i], ...pathsOf(item, [...prefix, i])]);
  if (isObject(value)) return membersOf(value).flatMap(([key, member]) => [[...prefix, key], ...pathsOf(member, [...prefix, key])]);
  return [];
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The members of an object, as JSON sends them: none is undefined. */
function membersOf(object: Json): [string, Json][] {
  return Object.entries(object as JsonObject).filter((member): member is [string, Json] => member[1] !== undefined);
}

const kindOf = (value: Json): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

const parsesAsJsonObject = (text: string): boolean => {
  try {
    return typeof JSON.parse(text) === 'object';
  } catch {
    return false;
  }
};

const valueAt = (value: Json, path: Path): Json => path.reduce<Json>((v, key) => (v as Record<string | number, Json>)[key], value);

/** A copy of `value` with `change` applied at `path`; members are defined, so `__proto__` stays a member. */
const updateAt = (value: Json, path: Path, change: (target: Json) => Json): Json => {
  if (path.length === 0) return change(value);
  const [key, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, i) => (i === key ? updateAt(item, rest, change) : item));
  return withMembers(membersOf(value).map(([k, member]) => [k, k === key ? updateAt(member, rest, change) : member]));
};

const withMembers = (entries: readonly (readonly [string, Json])[]): JsonObject => {
  const object: JsonObject = {};
  for (const [key, member] of entries) Object.defineProperty(object, key, { value: member, enumerable: true, writable: true, configurable: true });
  return object;
};

const replaceAt = (value: Json, path: Path, replacement: Json): Json => updateAt(value, path, () => replacement);

const removeAt = (value: Json, path: Path): Json =>
  updateAt(value, path.slice(0, -1), (parent) => withMembers(membersOf(parent).filter(([key]) => key !== path[path.length - 1])));

const addMemberAt = (value: Json, path: Path, key: string, member: Json): Json =>
  updateAt(value, path, (object) => withMembers([...membersOf(object), [key, member]]));
