import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addDays,
  type CalendarDate,
  departementOfCommune,
  fold,
  type GrantedMandate,
  mandateDecider,
  type MandateEvent,
  MANDATE_STATUSES,
  mandateStatusOn,
  MISSION_TYPES,
  type MissionType,
  termsOn,
} from '@mandate-ledger/domain';
import type { StoredEvent } from '@mandate-ledger/event-store';
import { mandatesBoardProjection, type MandatesBoardFilters, type Projection, queryMandatesBoard, type ReadStore, rebuildProjection } from '@mandate-ledger/projections';
import { SqliteReadStore } from '../../libs/projections/src/read-store/sqlite.read-store';
import { PostgresReadStore } from '../../libs/projections/src/read-store/postgres.read-store';
import { FixedLog } from '../../libs/projections/src/testing/fixed-log';
import { ALL_COMMUNES, DEPARTEMENTS, Random, randomMandateHistory } from '../../libs/projections/src/testing/random-mandates';
import { describeWithPostgres, dropTestSchema, postgresTestUrl, testSchemaName } from '../support/postgres';

// Property: for random valid histories (every command decided by the decider itself), the board's
// SQL status of each mandate on any date equals mandateStatusOn(fold(events), date), as known now
// and as known at any earlier instant; and its filters select exactly what termsOn says.

const SEED = 20170727;
const MANDATES = 150;

interface History {
  readonly id: string;
  readonly operatorId: string;
  readonly events: MandateEvent[];
}

const random = new Random(SEED);
const histories: History[] = Array.from({ length: MANDATES }, (_, i) => {
  const id = `m${String(i).padStart(4, '0')}`;
  const operatorId = `op${i % 7}`;
  return { id, operatorId, events: randomMandateHistory(random, id, operatorId, random.int(0, 12)) };
});

/** The histories interleaved into one log: appends of one to three events sharing a `recordedAt`. */
const log: StoredEvent[] = (() => {
  const cursors = histories.map(() => 0);
  const stored: StoredEvent[] = [];
  let second = 0;
  for (;;) {
    const open = histories.map((_, i) => i).filter((i) => cursors[i] < histories[i].events.length);
    if (open.length === 0) return stored;
    const i = random.pick(open);
    const recordedAt = new Date(Date.UTC(2018, 0, 1) + ++second * 1000).toISOString();
    for (let n = random.int(1, 3); n > 0 && cursors[i] < histories[i].events.length; n--) {
      const event = histories[i].events[cursors[i]];
      stored.push({
        id: `00000000-0000-4000-8000-${String(stored.length + 1).padStart(12, '0')}`,
        stream: `mandate-${histories[i].id}`,
        revision: BigInt(cursors[i]++),
        position: BigInt(stored.length + 1),
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data as never,
        metadata: { actor: { sub: 'property', role: 'admin' }, correlationId: 'property' },
        recordedAt,
      });
    }
  }
})();

/** Each mandate as the decider folds it from the events recorded up to `asKnownAt` (all without it). */
const expected = (asKnownAt?: string): Map<string, GrantedMandate> => {
  const byMandate = new Map<string, MandateEvent[]>();
  for (const event of log) {
    if (asKnownAt !== undefined && event.recordedAt > asKnownAt) continue;
    const id = event.stream.slice('mandate-'.length);
    byMandate.set(id, [...(byMandate.get(id) ?? []), { type: event.type, schemaVersion: 1, data: event.data } as unknown as MandateEvent]);
  }
  const mandates = new Map<string, GrantedMandate>();
  for (const [id, events] of byMandate) {
    const state = fold(mandateDecider, events);
    if (state.status !== 'not_granted') mandates.set(id, state);
  }
  return mandates;
};

const current = expected();
/** Random dates, and the dates where a status changes (and the days around them). */
const dates: CalendarDate[] = (() => {
  const picked = new Set<CalendarDate>();
  for (let i = 0; i < 12; i++) picked.add(addDays('2016-12-01', random.int(0, 1100)));
  const mandates = [...current.values()];
  for (let i = 0; i < 14; i++) {
    const m = random.pick(mandates);
    const edges = [m.period.start, m.period.end, ...m.suspensions.flatMap((s) => [s.from, s.until ?? s.from]), ...m.terms.map((t) => t.effectiveFrom)];
    if (m.status === 'terminated') edges.push(m.terminatedFrom);
    if (m.status === 'completed') edges.push(m.completedOn);
    const edge = random.pick(edges);
    for (const d of [-1, 0, 1]) picked.add(addDays(edge, d));
  }
  return [...picked].sort();
})();

/** Whether the mandate's territory on `on` names `commune`, or is its whole département. */
const servesCommune = (m: GrantedMandate, on: CalendarDate, commune: string) => {
  const { departement, communes } = termsOn(m, on).territory;
  return communes.includes(commune) || (communes.length === 0 && departement === departementOfCommune(commune));
};

const hasMission = (m: GrantedMandate, on: CalendarDate, missionType: MissionType) => termsOn(m, on).missions.some((x) => x.type === missionType);

/** Whether an officer of `departement` sees the mandate (the access rule's `departementsOf`). */
const touches = (m: GrantedMandate, departement: string) => m.authority.departement === departement || m.terms.some((t) => t.territory.departement === departement);

const describeProperty = (adapter: string, open: () => Promise<{ store: ReadStore; dispose: () => Promise<void> }>) => {
  describe(`the mandates board on ${adapter}, for ${MANDATES} random valid histories (seed ${SEED})`, () => {
    let store: ReadStore;
    let dispose: () => Promise<void>;
    const board = async (filters: Partial<MandatesBoardFilters> & { on: CalendarDate }) =>
      (await queryMandatesBoard(store, { page: 1, pageSize: 10_000, ...filters }))!;

    beforeAll(async () => {
      ({ store, dispose } = await open());
      // Small batches, so that appends are cut across batch boundaries.
      const { outcome } = await rebuildProjection(new FixedLog(log), store, mandatesBoardProjection as Projection<unknown>, { batchSize: 97 });
      expect(outcome).toBe('caught_up');
    });
    afterAll(async () => {
      await store.close();
      await dispose();
    });

    it('generates histories that exercise every kind of decision', () => {
      const types = new Set(log.map((e) => e.type));
      expect([...types].sort()).toEqual([
        'MandateActivityReported',
        'MandateAmended',
        'MandateGranted',
        'MandateMissionCompleted',
        'MandateReinstated',
        'MandateRenewed',
        'MandateSuspended',
        'MandateTerminated',
      ]);
      const statuses = new Set(dates.flatMap((d) => [...current.values()].map((m) => mandateStatusOn(m, d))));
      expect(statuses.size).toBe(6);
    });

    it('gives every mandate, on every date, the status the decider computes', async () => {
      for (const on of dates) {
        const page = await board({ on });
        expect(page.total).toBe(current.size);
        const got = Object.fromEntries(page.items.map((item) => [item.id, item.status]));
        const want = Object.fromEntries([...current].map(([id, m]) => [id, mandateStatusOn(m, on)]));
        expect({ on, statuses: got }).toEqual({ on, statuses: want });
      }
    });

    it('filters by status exactly', async () => {
      for (const on of dates.filter((_, i) => i % 3 === 0)) {
        for (const status of MANDATE_STATUSES) {
          const ids = (await board({ on, status })).items.map((i) => i.id).sort();
          const want = [...current].filter(([, m]) => mandateStatusOn(m, on) === status).map(([id]) => id).sort();
          expect({ on, status, ids }).toEqual({ on, status, ids: want });
        }
      }
    });

    it('filters by mission type, département and commune as in force on the date', async () => {
      for (const on of dates.filter((_, i) => i % 4 === 0)) {
        const missionType = random.pick(MISSION_TYPES);
        const departement = random.pick(DEPARTEMENTS);
        const commune = random.pick(ALL_COMMUNES);
        const where = (test: (m: GrantedMandate) => boolean) => [...current].filter(([, m]) => test(m)).map(([id]) => id).sort();
        const ids = async (filters: Partial<MandatesBoardFilters>) => (await board({ on, ...filters })).items.map((i) => i.id).sort();
        expect(await ids({ missionType })).toEqual(where((m) => hasMission(m, on, missionType)));
        expect(await ids({ departement })).toEqual(where((m) => termsOn(m, on).territory.departement === departement));
        expect(await ids({ commune })).toEqual(where((m) => servesCommune(m, on, commune)));
        expect(await ids({ withinDepartements: [departement] })).toEqual(where((m) => touches(m, departement)));
        // An officer's board with the other filters, and each mandate once when it touches two of the officer's départements.
        const other = random.pick(DEPARTEMENTS);
        const status = random.pick(MANDATE_STATUSES);
        const officers = [departement, other];
        const inScope = (m: GrantedMandate) => officers.some((d) => touches(m, d));
        expect(await ids({ withinDepartements: officers })).toEqual(where(inScope));
        expect(await ids({ withinDepartements: officers, status })).toEqual(where((m) => inScope(m) && mandateStatusOn(m, on) === status));
        expect(await ids({ withinDepartements: officers, missionType, commune })).toEqual(
          where((m) => inScope(m) && servesCommune(m, on, commune) && hasMission(m, on, missionType)),
        );
        expect(await ids({ withinDepartements: officers, expiringWithinDays: 60 })).toEqual(
          where((m) => inScope(m) && ['active', 'suspended'].includes(mandateStatusOn(m, on)) && m.period.end <= addDays(on, 60)),
        );
        const page = await board({ on, withinDepartements: officers, status });
        expect(page.total).toBe(page.items.length);
        expect(page.items.every((item) => item.status === status)).toBe(true);
        expect(await ids({ expiringWithinDays: 60 })).toEqual(
          where((m) => ['active', 'suspended'].includes(mandateStatusOn(m, on)) && m.period.end <= addDays(on, 60)),
        );
      }
    });

    it('answers as known at any earlier instant exactly as a replay of the events recorded by then', async () => {
      const instants = Array.from({ length: 8 }, () => random.pick(log).recordedAt);
      instants.push(new Date(Date.parse(log[0].recordedAt) - 1).toISOString());
      for (const asKnownAt of instants) {
        const then = expected(asKnownAt);
        for (const on of dates.filter((_, i) => i % 5 === 0)) {
          const page = await board({ on, asKnownAt });
          const got = Object.fromEntries(page.items.map((item) => [item.id, item.status]));
          const want = Object.fromEntries([...then].map(([id, m]) => [id, mandateStatusOn(m, on)]));
          expect({ asKnownAt, on, statuses: got }).toEqual({ asKnownAt, on, statuses: want });
          const missionType = random.pick(MISSION_TYPES);
          const ids = (await board({ on, asKnownAt, missionType })).items.map((i) => i.id).sort();
          const wantIds = [...then].filter(([, m]) => hasMission(m, on, missionType)).map(([id]) => id).sort();
          expect({ asKnownAt, on, missionType, ids }).toEqual({ asKnownAt, on, missionType, ids: wantIds });
          const status = random.pick(MANDATE_STATUSES);
          const withStatus = (await board({ on, asKnownAt, status })).items.map((i) => i.id).sort();
          const wantWithStatus = [...then].filter(([, m]) => mandateStatusOn(m, on) === status).map(([id]) => id).sort();
          expect({ asKnownAt, on, status, ids: withStatus }).toEqual({ asKnownAt, on, status, ids: wantWithStatus });
          const departement = random.pick(DEPARTEMENTS);
          const officers = (await board({ on, asKnownAt, status, withinDepartements: [departement] })).items.map((i) => i.id).sort();
          const wantOfficers = [...then]
            .filter(([, m]) => mandateStatusOn(m, on) === status && touches(m, departement))
            .map(([id]) => id)
            .sort();
          expect({ asKnownAt, on, status, departement, ids: officers }).toEqual({ asKnownAt, on, status, departement, ids: wantOfficers });
        }
      }
    });

    it('pages through the board sorted by period end then id, with the total', async () => {
      const on = dates[Math.floor(dates.length / 2)];
      const all = (await board({ on })).items.map((i) => i.id);
      const sorted = [...current].sort(([a, x], [b, y]) => (x.period.end < y.period.end ? -1 : x.period.end > y.period.end ? 1 : a < b ? -1 : 1)).map(([id]) => id);
      expect(all).toEqual(sorted);
      const pages: string[] = [];
      for (let page = 1; page <= Math.ceil(current.size / 40); page++) {
        const result = await board({ on, page, pageSize: 40 });
        expect(result).toMatchObject({ page, pageSize: 40, total: current.size });
        pages.push(...result.items.map((i) => i.id));
      }
      expect(pages).toEqual(sorted);
    });
  });
};

describeProperty('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-board-property-'));
  return { store: SqliteReadStore.open({ path: join(dir, 'read.db') }), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
});

describeWithPostgres('the board property on PostgreSQL', () => {
  const schema = testSchemaName();
  describeProperty('PostgreSQL', async () => ({
    store: await PostgresReadStore.open({ connectionString: postgresTestUrl, schema, poolSize: 4 }),
    dispose: () => dropTestSchema(schema),
  }));
});
