import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  complianceCaseDecider,
  complianceCaseStreamName,
  DOMAIN_UPCASTERS,
  LATEST_SCHEMA_VERSIONS,
  mandateDecider,
  upcastDomainEvent,
} from '@mandate-ledger/domain';
import { foldStream, type JsonObject, type StoredEvent } from '@mandate-ledger/event-store';
import { InMemoryEventStore } from '@mandate-ledger/event-store/in-memory/in-memory.event-store';
import { complianceReportFromEvents, type ObligationReport } from '@mandate-ledger/reports';
import { departures, type Shape } from '../domain/support/event-shapes';

// The log `npm run cli -- demo` wrote at commit c32c07b, before indicator kinds, one-off
// obligations and penalty scopes (test/fixtures/calais-demo-c32c07b.events.json: every event as
// stored, exported from its SQLite file), read by today's code.

interface FixtureEvent {
  readonly position: number;
  readonly id: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: StoredEvent['metadata'];
  readonly recordedAt: string;
}

const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'calais-demo-c32c07b.events.json'), 'utf8')) as { events: FixtureEvent[] };
const shapes = JSON.parse(readFileSync(join(__dirname, '..', 'domain', 'event-schemas.json'), 'utf8')) as Record<string, Shape>;
const log = fixture.events;
const ORDER_2017 = 'e8eb3c3c-022e-8e29-885b-3ea1de7a654c';
const ORDER_2018 = '6db7636f-b1df-8416-9ece-e6d22ec6755d';
const asKnownAt = log.at(-1)!.recordedAt;
const THROUGH_2018 = { from: '2017-06-26', to: '2018-12-31' };

const reportOf = (complianceCaseId: string, period = THROUGH_2018) => complianceReportFromEvents(log, { complianceCaseId, period, asKnownAt });
const byId = (obligations: readonly ObligationReport[]) => Object.fromEntries(obligations.map((o) => [o.obligationId, o]));

describe('the demo log written at c32c07b, read today', () => {
  it('holds events of the shapes then recorded, grants and obligations among them at version 1', () => {
    for (const event of log) expect([event.position, departures(event.data, shapes[`${event.type}@${event.schemaVersion}`])]).toEqual([event.position, []]);
    expect(new Set(log.filter(({ type }) => ['MandateGranted', 'ComplianceObligationAdded'].includes(type)).map(({ schemaVersion }) => schemaVersion))).toEqual(new Set([1]));
  });

  it('lifts every event to the latest shape of its type', () => {
    for (const event of log) {
      const latest = upcastDomainEvent(event);
      expect([event.position, latest.schemaVersion, departures(latest.data, shapes[`${latest.type}@${latest.schemaVersion}`])]).toEqual([
        event.position,
        LATEST_SCHEMA_VERSIONS[event.type as keyof typeof LATEST_SCHEMA_VERSIONS],
        [],
      ]);
    }
  });

  it('replays through a store that registers the upcasters to the same cases and mandates, with the new defaults', async () => {
    const store = new InMemoryEventStore({ upcasters: DOMAIN_UPCASTERS });
    for (const { stream, id, type, schemaVersion, data, metadata } of log) await store.appendToStream(stream, [{ id, type, schemaVersion, data, metadata }], 'any');
    const order2017 = foldStream(complianceCaseDecider, await store.readStream(complianceCaseStreamName(ORDER_2017)));
    if (order2017.status === 'not_opened') throw new Error('the 2017 case is not in the log');
    expect(order2017.obligations.map(({ obligationId, oneOff, penaltyScope, penaltyPerDayCents, deadlineDays }) => [obligationId, oneOff, penaltyScope, penaltyPerDayCents, deadlineDays])).toEqual([
      ['maraude-minors', false, 'obligation', 10_000, 10],
      ['water-points', false, 'obligation', 10_000, 10],
      ['latrines', false, 'obligation', 10_000, 10],
      ['showers', false, 'obligation', 10_000, 10],
      ['departures-reception-centres', false, 'obligation', 10_000, 10],
    ]);
    const showersStream = log.find(({ type, data }) => type === 'MandateGranted' && JSON.stringify(data.missions).includes('SHOWERS'))!.stream;
    const showers = foldStream(mandateDecider, await store.readStream(showersStream));
    expect(showers.status === 'not_granted' ? [] : showers.terms[0].missions[0].indicators).toEqual([{ name: 'showers_per_week', unit: 'showers', target: 1400, kind: 'count' }]);
    expect((await store.readAll()).map(({ schemaVersion, type }) => [type, schemaVersion]).filter(([, version]) => version !== 1)).toEqual(
      // Each lifted to the version the domain writes today: MandateGranted 3 (procurement facts), ComplianceCaseOpened 2 (parties), ComplianceObligationAdded 2.
      log.filter(({ type }) => ['MandateGranted', 'ComplianceCaseOpened', 'ComplianceObligationAdded'].includes(type)).map(({ type }) => [type, type === 'MandateGranted' ? 3 : 2]),
    );
    expect(order2017.parties).toEqual({ applicants: [], defendants: [] });
  });

  it('gives the same deadlines and covered days as then, and the days late, gaps and statuses of the counting rule', () => {
    // What c32c07b's report said over 26 June 2017 – 31 December 2018, and what changed:
    // - deadlines 13 July 2017 and first measures alike; covered days alike;
    // - days late then: 14, 32, 32, 57, 95 (counting the first day in effect, and never after a
    //   first implementation); now 13, 171, 171, 175, 355: the day a measure starts is not late,
    //   and the suspension of the showers and the ends of the water, showers and information
    //   mandates reopen non-execution of these continuing obligations (see test/cli/demo.e2e-spec.ts
    //   for the day counts), which are lapsed at the end;
    // - gaps then started at the first covered day; now at the first due day.
    const obligations = byId(reportOf(ORDER_2017).obligations);
    const figures = (id: string) => {
      const { deadline, firstMeasureInEffectOn, covered, daysLate, penaltyExposureCents, gaps, status } = obligations[id];
      return { deadline, firstMeasureInEffectOn, covered, daysLate, penaltyExposureCents, gaps, status };
    };
    expect(figures('maraude-minors')).toEqual({
      deadline: '2017-07-13', firstMeasureInEffectOn: '2017-07-27', covered: [{ from: '2017-07-27', to: '2018-12-31' }],
      daysLate: 13, penaltyExposureCents: 130_000, gaps: [{ from: '2017-07-14', to: '2017-07-26' }], status: 'implemented_late',
    });
    for (const id of ['water-points', 'latrines'])
      expect(figures(id)).toEqual({
        deadline: '2017-07-13', firstMeasureInEffectOn: '2017-08-14', covered: [{ from: '2017-08-14', to: '2018-08-13' }],
        daysLate: 171, penaltyExposureCents: 1_710_000, gaps: [{ from: '2017-07-14', to: '2017-08-13' }, { from: '2018-08-14', to: '2018-12-31' }], status: 'lapsed',
      });
    expect(figures('showers')).toEqual({
      deadline: '2017-07-13', firstMeasureInEffectOn: '2017-09-08', covered: [{ from: '2017-09-08', to: '2017-11-19' }, { from: '2017-11-24', to: '2018-09-07' }],
      daysLate: 175, penaltyExposureCents: 1_750_000,
      gaps: [{ from: '2017-07-14', to: '2017-09-07' }, { from: '2017-11-20', to: '2017-11-23' }, { from: '2018-09-08', to: '2018-12-31' }],
      status: 'lapsed',
    });
    expect(figures('departures-reception-centres')).toEqual({
      deadline: '2017-07-13', firstMeasureInEffectOn: '2017-10-16', covered: [{ from: '2017-10-16', to: '2018-04-14' }],
      daysLate: 355, penaltyExposureCents: 3_550_000, gaps: [{ from: '2017-07-14', to: '2017-10-15' }, { from: '2018-04-15', to: '2018-12-31' }], status: 'lapsed',
    });
  });

  it('gives the indicator totals it gave then: recorded without a kind, every indicator is a count, now with its target', () => {
    const indicators = Object.fromEntries(reportOf(ORDER_2017).obligations.flatMap(({ indicators: list }) => list.map((i) => [i.name, [i.kind, i.value, i.target]])));
    // c32c07b summed the three weekly rates of the showers into 3,545, as a count still does: the log does not say otherwise.
    expect(indicators).toEqual({
      outreach_days_per_week: ['count', 7, 7],
      minors_found: ['count', 143, 100],
      minors_sheltered: ['count', 41, 30],
      litres_per_person_per_day: ['count', 13.5, 15],
      latrines_available: ['count', 20, 20],
      showers_per_week: ['count', 3545, 1400],
      orientations_to_reception_centres: ['count', 64, 150],
    });
  });

  it('counts the penalties of the 2017 order, one per obligation, and none for the 2018 order', () => {
    const report = reportOf(ORDER_2017);
    // 13 + 171 + 171 + 175 + 355 = 885 days at €100.
    expect(report.totals).toMatchObject({ penaltyExposureCents: 8_850_000, liquidatedCents: 0 });
    expect(report.penalties.map(({ penaltyId, penaltyDays }) => [penaltyId, penaltyDays])).toEqual([
      ['obligation:maraude-minors', 13],
      ['obligation:water-points', 171],
      ['obligation:latrines', 171],
      ['obligation:showers', 175],
      ['obligation:departures-reception-centres', 355],
    ]);
    // The 2018 order: no measure then; due by 10 August 2018, 11 August – 31 December late (143 days, as then), now as a gap too.
    const [eastern] = reportOf(ORDER_2018, { from: '2018-07-31', to: '2018-12-31' }).obligations;
    expect(eastern).toMatchObject({ daysLate: 143, gaps: [{ from: '2018-08-11', to: '2018-12-31' }], penaltyExposureCents: 0, status: 'not_started' });
  });
});
