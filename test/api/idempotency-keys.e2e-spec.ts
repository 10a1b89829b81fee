import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mandateStreamName } from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import { startApi, type TestApi } from '../support/api';
import { grantBody, laVieActive } from '../support/calais-bodies';
import { type AppSetup, describeWithPostgres, postgresAppSetup, sqliteAppSetup } from '../support/postgres';

// An Idempotency-Key is bound to the request it was first sent with (method, path, principal and
// body, DESIGN §4): a retry of that request gets the first answer, anything else a 422, and a
// principal who may not make the write a 403 before any replay.

const suspension = { effectiveFrom: '2017-10-02', reason: 'staff safety', decisionReference: 'AP-2017-1004' };
const termination = { effectiveFrom: '2017-11-15', reason: 'operator withdrew', decisionReference: 'AP-2017-1115' };
const agent62 = { sub: 'agent-62', role: 'officer', departements: ['62'] } as const;

/** The app on `setup`, an officer of 62 and an operator registered by them. */
const calaisApi = async (setup: AppSetup) => {
  const api = await startApi(setup.env);
  const officer = api.bearer(agent62);
  const operatorId = (await api.http.post('/operators').set('Authorization', officer).send(laVieActive).expect(201)).body.id as string;
  const store = api.app.get<symbol, EventStore>(EVENT_STORE);
  return { api, officer, operatorId, eventsOf: async (mandateId: string) => store.readStream(mandateStreamName(mandateId)) };
};

describe('Idempotency-Key over HTTP', () => {
  let api: TestApi;
  let officer: string;
  let operatorId: string;
  let eventsOf: (mandateId: string) => Promise<unknown[]>;

  beforeAll(async () => ({ api, officer, operatorId, eventsOf } = await calaisApi(await sqliteAppSetup())));
  afterAll(() => api.close());

  const grant = async () => (await api.http.post('/mandates').set('Authorization', officer).send(grantBody(operatorId)).expect(201)).body.id as string;
  const post = (path: string, key: string, body: object, as = officer) => api.http.post(path).set('Authorization', as).set('Idempotency-Key', key).send(body);

  it('answers a retry of the same request with the first answer and Idempotent-Replayed: true, appending nothing', async () => {
    const id = await grant();
    const key = randomUUID();
    const first = await post(`/mandates/${id}/suspensions`, key, suspension).expect(201);
    const retry = await post(`/mandates/${id}/suspensions`, key, suspension).expect(201);

    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(await eventsOf(id)).toHaveLength(2);
  });

  it('refuses a key first used for a suspension when it comes back on the termination of the same mandate, and records no termination', async () => {
    const id = await grant();
    const key = randomUUID();
    await post(`/mandates/${id}/suspensions`, key, suspension).expect(201);

    const reused = await post(`/mandates/${id}/terminations`, key, termination).expect(422);

    expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reused.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await eventsOf(id)).toHaveLength(2);
  });

  it('refuses a grant retried under the same key with another amount, and keeps the first amount', async () => {
    const key = randomUUID();
    const body = grantBody(operatorId);
    const first = await post('/mandates', key, body).expect(201);

    const other = { ...body, financing: { ...body.financing, amountCents: body.financing.amountCents + 100 } };
    const reused = await post('/mandates', key, other).expect(422);

    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const events = (await eventsOf(first.body.id)) as { data: { financing: { amountCents: number } } }[];
    expect(events.map((e) => e.data.financing.amountCents)).toEqual([body.financing.amountCents]);
  });

  it('refuses a key reused on another mandate, and records nothing there', async () => {
    const [first, second] = [await grant(), await grant()];
    const key = randomUUID();
    await post(`/mandates/${first}/suspensions`, key, suspension).expect(201);

    const reused = await post(`/mandates/${second}/suspensions`, key, suspension).expect(422);

    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await eventsOf(second)).toHaveLength(1);
  });

  it('refuses the same key from the same agent under another token (other départements): 422, not a replay', async () => {
    const id = await grant();
    const key = randomUUID();
    await post(`/mandates/${id}/suspensions`, key, suspension).expect(201);

    const widened = api.bearer({ ...agent62, departements: ['59', '62'] });
    const reused = await post(`/mandates/${id}/suspensions`, key, suspension, widened).expect(422);

    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('authorizes before replaying: a token of another département with the same sub gets 403, not the first answer', async () => {
    const [grantKey, suspensionKey] = [randomUUID(), randomUUID()];
    const granted = await post('/mandates', grantKey, grantBody(operatorId)).expect(201);
    await post(`/mandates/${granted.body.id}/suspensions`, suspensionKey, suspension).expect(201);
    const nord = api.bearer({ ...agent62, departements: ['59'] });

    const grantReplay = await post('/mandates', grantKey, grantBody(operatorId), nord).expect(403);
    const suspensionReplay = await post(`/mandates/${granted.body.id}/suspensions`, suspensionKey, suspension, nord).expect(403);

    expect([grantReplay.body.code, suspensionReplay.body.code]).toEqual(['OUTSIDE_DEPARTEMENTS', 'OUTSIDE_DEPARTEMENTS']);
    expect(grantReplay.headers['idempotent-replayed']).toBeUndefined();
  });
});

const CONCURRENT = 16;

interface Answer {
  readonly status: number;
  readonly replayed: boolean;
  readonly body: string;
}

/**
 * Sends `count` copies of one request at the same instant: on sockets opened beforehand, so that
 * the server reads them all in one turn of its event loop and each reads the stream before any commits.
 */
const sendTogether = async (api: TestApi, count: number, path: string, headers: Record<string, string>, body: object): Promise<Answer[]> => {
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: count });
  const send = (method: string, target: string, payload?: string) =>
    new Promise<Answer>((resolve, reject) => {
      const request = httpRequest({ port, method, path: target, agent, headers: payload ? { ...headers, 'content-type': 'application/json' } : {} }, (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, replayed: response.headers['idempotent-replayed'] === 'true', body: text }));
      });
      request.on('error', reject).end(payload);
    });
  try {
    await Promise.all(Array.from({ length: count }, () => send('GET', '/health')));
    const payload = JSON.stringify(body);
    return await Promise.all(Array.from({ length: count }, () => send('POST', path, payload)));
  } finally {
    agent.destroy();
  }
};

const concurrentRetries = (setup: () => Promise<AppSetup>) => {
  let appSetup: AppSetup;
  let calais: Awaited<ReturnType<typeof calaisApi>>;

  beforeAll(async () => {
    appSetup = await setup();
    calais = await calaisApi(appSetup);
  });
  afterAll(async () => {
    await calais?.api.close();
    await appSetup?.dispose();
  });

  const expectOneAppendedTheRestReplayed = (answers: Answer[]) => {
    expect(answers.map((a) => a.status)).toEqual(Array(CONCURRENT).fill(201));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers.filter((a) => a.replayed).length).toBe(CONCURRENT - 1);
  };

  it(`appends a grant once for ${CONCURRENT} identical requests sent together with one key; every other gets the same answer with Idempotent-Replayed: true`, async () => {
    const { api, officer, operatorId, eventsOf } = calais;
    const headers = { authorization: officer, 'idempotency-key': randomUUID() };

    const answers = await sendTogether(api, CONCURRENT, '/mandates', headers, grantBody(operatorId));

    expectOneAppendedTheRestReplayed(answers);
    expect(await eventsOf(JSON.parse(answers[0].body).id)).toHaveLength(1);
  });

  it(`appends a suspension once for ${CONCURRENT} identical requests sent together with one key; every other gets the same answer with Idempotent-Replayed: true`, async () => {
    const { api, officer, operatorId, eventsOf } = calais;
    const id = (await api.http.post('/mandates').set('Authorization', officer).send(grantBody(operatorId)).expect(201)).body.id as string;
    const headers = { authorization: officer, 'idempotency-key': randomUUID() };

    const answers = await sendTogether(api, CONCURRENT, `/mandates/${id}/suspensions`, headers, suspension);

    expectOneAppendedTheRestReplayed(answers);
    expect(await eventsOf(id)).toHaveLength(2);
  });
};

describe('concurrent retries with one Idempotency-Key, on SQLite', () => concurrentRetries(sqliteAppSetup));

describeWithPostgres('concurrent retries with one Idempotency-Key, on PostgreSQL', () =>
  describe('concurrent retries with one Idempotency-Key, on PostgreSQL', () => concurrentRetries(postgresAppSetup)),
);
