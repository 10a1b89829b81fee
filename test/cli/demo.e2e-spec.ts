import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CalendarDate,
  complianceCaseDecider,
  complianceCaseStreamName,
  complianceCoverage,
  coverageMandateOf,
  deadlineOf,
  financialReportsOn,
  instalmentsOn,
  isValidRna,
  isValidSiren,
  isValidSiret,
  mandateDecider,
  mandateStatusOn,
  type MandateEvent,
  mandateStreamName,
  type OpenedComplianceCase,
  operatorStreamName,
  upcastDomainEvent,
} from '@mandate-ledger/domain';
import { type EventStore, foldStream, type StoredEvent } from '@mandate-ledger/event-store';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { CALAIS_2017_IDS, CALAIS_2017_STEPS } from '../../apps/cli/src/demo/calais-2017.data';
import { runDemo } from '../../apps/cli/src/demo.command';
import { runExport } from '../../apps/cli/src/export.command';
import { captureConsole } from '../support/console';
import { validateDecp, validateScdlSubventionsCsv } from '../support/open-data-schemas';

// `npm run cli -- demo` on a SQLite file in a temp folder; the environment is passed, never set.

const DB_FILE = 'mandate-ledger.db';

/** Runs the demo with its console output captured. */
const demo = (dataDir: string, args: string[] = []) => captureConsole(() => runDemo(args, { DATA_DIR: dataDir }));

const wholeLog = async (store: EventStore): Promise<StoredEvent[]> => {
  const events: StoredEvent[] = [];
  for (let batch = await store.readAll(); batch.length > 0; batch = await store.readAll({ after: batch.at(-1)!.position })) events.push(...batch);
  return events;
};

const { operators, mandates, complianceCases } = CALAIS_2017_IDS;

const caseIn = async (store: EventStore, id: string): Promise<OpenedComplianceCase> => {
  const complianceCase = foldStream(complianceCaseDecider, await store.readStream(complianceCaseStreamName(id)));
  if (complianceCase.status === 'not_opened') throw new Error(`compliance case ${id} not opened`);
  return complianceCase;
};
const deadlinesOf = (complianceCase: OpenedComplianceCase) => complianceCase.obligations.map((obligation) => deadlineOf(complianceCase, obligation));

/** The coverage of a case of the store over a period, from the events of its linked mandates. */
const coverageOf = async (store: EventStore, complianceCase: OpenedComplianceCase, period: { from: string; to: string }) => {
  const linked = [...new Set(complianceCase.obligations.flatMap(({ measures }) => measures.map((m) => m.mandateId)))];
  const mandates = await Promise.all(
    linked.map(async (id) => coverageMandateOf((await store.readStream(mandateStreamName(id))).map(({ type, schemaVersion, data }) => upcastDomainEvent({ type, schemaVersion, data }) as unknown as MandateEvent))!),
  );
  return complianceCoverage({ complianceCase, mandates, period });
};

describe('npm run cli -- demo', () => {
  let dataDir: string;
  let first: Awaited<ReturnType<typeof demo>>;
  let store: SqliteEventStore;
  let log: StoredEvent[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ml-demo-'));
    first = await demo(dataDir);
    store = SqliteEventStore.open({ path: join(dataDir, DB_FILE) });
    log = await wholeLog(store);
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const typesOf = (type: string) => log.filter((e) => e.type === type);
  const statusOn = async (mandateId: string, date: CalendarDate) => {
    const mandate = foldStream(mandateDecider, await store.readStream(mandateStreamName(mandateId)));
    if (mandate.status === 'not_granted') throw new Error(`mandate ${mandateId} not granted`);
    return mandateStatusOn(mandate, date);
  };

  it('records every decision of the data set and says so, one line a step', () => {
    expect(first.err).toEqual([]);
    expect(first.code).toBe(0);
    expect(log).toHaveLength(CALAIS_2017_STEPS.length);
    expect(first.out.filter((line) => line.startsWith('✓'))).toHaveLength(CALAIS_2017_STEPS.length);
    expect(first.out).toContainEqual(expect.stringMatching(new RegExp(`^✓ granted +showers:grant +\\(mandate ${mandates.showers}, revision 0, position \\d+\\)$`)));
    expect(first.out.at(-1)).toMatch(`${CALAIS_2017_STEPS.length} decisions recorded, 0 already recorded`);
  });

  it('registers the three operators and grants the five mandates', () => {
    expect(typesOf('OperatorRegistered').map((e) => e.stream).sort()).toEqual(
      [operators.laVieActive, operators.franceTerreDAsile, operators.audasse].map(operatorStreamName).sort(),
    );
    expect(typesOf('MandateGranted').map((e) => e.stream).sort()).toEqual(Object.values(mandates).map(mandateStreamName).sort());
  });

  it('records a suspension, a reinstatement, a renewal, a completion and activity reports', () => {
    expect(typesOf('MandateSuspended').map((e) => e.stream)).toEqual([mandateStreamName(mandates.showers)]);
    expect(typesOf('MandateReinstated').map((e) => e.stream)).toEqual([mandateStreamName(mandates.showers)]);
    expect(typesOf('MandateRenewed').map((e) => e.data)).toEqual([expect.objectContaining({ previousEnd: '2017-12-31', newEnd: '2018-12-31' })]);
    expect(typesOf('MandateMissionCompleted').map((e) => e.stream)).toEqual([mandateStreamName(mandates.informationPoint)]);
    expect(typesOf('MandateActivityReported').length).toBeGreaterThanOrEqual(5);
  });

  it('records every event as the demo loader, under one correlation id, with a key per decision', () => {
    const correlationIds = new Set(log.map((e) => e.metadata.correlationId));
    expect(correlationIds.size).toBe(1);
    for (const event of log) {
      expect(event.metadata).toMatchObject({ actor: { sub: 'demo-loader', role: 'admin' }, idempotencyKey: expect.stringMatching(/^demo-loader:calais-2017:/) });
    }
    expect(new Set(log.map((e) => e.metadata.idempotencyKey)).size).toBe(log.length);
  });

  it('gives the status the story tells on chosen dates', async () => {
    expect(await statusOn(mandates.minorsOutreach, '2017-07-26')).toBe('pending');
    expect(await statusOn(mandates.minorsOutreach, '2018-06-01')).toBe('active'); // thanks to the renewal
    expect(await statusOn(mandates.minorsOutreach, '2019-01-01')).toBe('expired');
    expect(await statusOn(mandates.showers, '2017-11-19')).toBe('active');
    expect(await statusOn(mandates.showers, '2017-11-22')).toBe('suspended');
    expect(await statusOn(mandates.showers, '2017-11-24')).toBe('active');
    expect(await statusOn(mandates.informationPoint, '2018-04-14')).toBe('active');
    expect(await statusOn(mandates.informationPoint, '2018-04-16')).toBe('completed');
    expect(await statusOn(mandates.meals, '2018-03-05')).toBe('pending');
    expect(await statusOn(mandates.meals, '2018-03-06')).toBe('active');
  });

  it('opens the case of the 2017 order: upheld on appeal, five obligations due 10 days from its notification under €100 a day', async () => {
    const complianceCase = await caseIn(store, complianceCases.order2017);
    expect(complianceCase).toMatchObject({ status: 'open', procedure: 'refere_liberte' });
    expect(complianceCase.decisions).toEqual([
      { kind: 'opening', court: 'Tribunal administratif de Lille', caseNumbers: ['1705379'], decisionDate: '2017-06-26', notifiedOn: '2017-07-03' },
      { kind: 'appeal', court: "Conseil d'État", caseNumbers: ['412125', '412171'], decisionDate: '2017-07-31', outcome: 'upheld', supersedes: [] },
    ]);
    expect(complianceCase.obligations.map(({ obligationId, missionType, addressees }) => [obligationId, missionType, addressees.map((a) => a.kind)])).toEqual([
      ['maraude-minors', 'MARAUDE_MINORS', ['prefet']],
      ['water-points', 'WATER_ACCESS', ['prefet', 'commune']],
      ['latrines', 'LATRINES', ['prefet', 'commune']],
      ['showers', 'SHOWERS', ['prefet', 'commune']],
      ['departures-reception-centres', 'DEPARTURES_RECEPTION_CENTRES', ['prefet']],
    ]);
    for (const obligation of complianceCase.obligations) {
      expect(obligation).toMatchObject({ decision: '1705379', territory: { departement: '62', communes: ['62193'] }, deadlineDays: 10, penaltyPerDayCents: 10_000 });
    }
    expect(deadlinesOf(complianceCase)).toEqual(Array(5).fill({ notifiedOn: '2017-07-03', deadline: '2017-07-13' }));
  });

  it('links each obligation of 2017 to the demo mandate that carries its mission, from the day it started', async () => {
    const complianceCase = await caseIn(store, complianceCases.order2017);
    expect(complianceCase.obligations.map(({ obligationId, measures }) => [obligationId, measures])).toEqual([
      ['maraude-minors', [{ mandateId: mandates.minorsOutreach, effectiveFrom: '2017-07-27' }]],
      ['water-points', [{ mandateId: mandates.waterAndLatrines, effectiveFrom: '2017-08-14' }]],
      ['latrines', [{ mandateId: mandates.waterAndLatrines, effectiveFrom: '2017-08-14' }]],
      ['showers', [{ mandateId: mandates.showers, effectiveFrom: '2017-09-08' }]],
      ['departures-reception-centres', [{ mandateId: mandates.informationPoint, effectiveFrom: '2017-10-16' }]],
    ]);

    // The coverage finds each obligation implemented from its measure on: mission and territory match.
    // Notified on 3 July, 10 days: the last day to comply is 13 July, days late count from 14 July.
    // 2017 alone: outreach 14–26 July (13); water and latrines 14 July – 13 August (18 + 13 = 31);
    // showers 14 July – 7 September (18 + 31 + 7 = 56) and the suspension of 20–23 November (4): 60;
    // departures 14 July – 15 October (18 + 31 + 30 + 15 = 94).
    const { obligations } = await coverageOf(store, complianceCase, { from: '2017-06-26', to: '2017-12-31' });
    expect(obligations.map(({ obligationId, status, firstMeasureInEffectOn, daysLate, penaltyExposureCents }) => [obligationId, status, firstMeasureInEffectOn, daysLate, penaltyExposureCents])).toEqual([
      ['maraude-minors', 'implemented_late', '2017-07-27', 13, 130_000],
      ['water-points', 'implemented_late', '2017-08-14', 31, 310_000],
      ['latrines', 'implemented_late', '2017-08-14', 31, 310_000],
      ['showers', 'implemented_late', '2017-09-08', 60, 600_000],
      ['departures-reception-centres', 'implemented_late', '2017-10-16', 94, 940_000],
    ]);
  });

  it('pins the days late, gaps and penalty of each obligation of 2017 through 2018: a suspension and lapses after the deadline reopen non-execution', async () => {
    const complianceCase = await caseIn(store, complianceCases.order2017);
    const { obligations, penalties } = await coverageOf(store, complianceCase, { from: '2017-06-26', to: '2018-12-31' });
    const pinned = (id: string) => {
      const { deadline, daysLate, gaps, penaltyExposureCents, status } = obligations.find(({ obligationId }) => obligationId === id)!;
      return { deadline, daysLate, gaps, penaltyExposureCents, status };
    };
    // Notified on Monday 3 July 2017; the 10 days run 4–13 July; the penalty of €100 a day runs from 14 July.
    // Outreach: in effect from 27 July, renewed to 31 December 2018: 14–26 July, 13 days, €1,300.
    expect(pinned('maraude-minors')).toEqual({
      deadline: '2017-07-13', daysLate: 13, gaps: [{ from: '2017-07-14', to: '2017-07-26' }], penaltyExposureCents: 130_000, status: 'implemented_late',
    });
    // Water points, and latrines alike: in effect 14 August 2017 – 13 August 2018, then lapsed.
    // 14 July – 13 August 2017: 18 + 13 = 31 days; 14 August – 31 December 2018: 18 + 30 + 31 + 30 + 31 = 140 days.
    // 171 days, €17,100, and lapsed at the end.
    for (const id of ['water-points', 'latrines'])
      expect(pinned(id)).toEqual({
        deadline: '2017-07-13',
        daysLate: 171,
        gaps: [{ from: '2017-07-14', to: '2017-08-13' }, { from: '2018-08-14', to: '2018-12-31' }],
        penaltyExposureCents: 1_710_000,
        status: 'lapsed',
      });
    // Showers: in effect from 8 September 2017, suspended 20–23 November 2017, ended 7 September 2018.
    // 14 July – 7 September 2017: 18 + 31 + 7 = 56; the suspension: 4; 8 September – 31 December 2018:
    // 23 + 31 + 30 + 31 = 115. 175 days, €17,500.
    expect(pinned('showers')).toEqual({
      deadline: '2017-07-13',
      daysLate: 175,
      gaps: [{ from: '2017-07-14', to: '2017-09-07' }, { from: '2017-11-20', to: '2017-11-23' }, { from: '2018-09-08', to: '2018-12-31' }],
      penaltyExposureCents: 1_750_000,
      status: 'lapsed',
    });
    // Departures: the information point from 16 October 2017, its mission completed on 15 April 2018
    // (completed from that day). 14 July – 15 October 2017: 94 days; 15 April – 31 December 2018:
    // 16 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31 = 261. 355 days, €35,500.
    expect(pinned('departures-reception-centres')).toEqual({
      deadline: '2017-07-13',
      daysLate: 355,
      gaps: [{ from: '2017-07-14', to: '2017-10-15' }, { from: '2018-04-15', to: '2018-12-31' }],
      penaltyExposureCents: 3_550_000,
      status: 'lapsed',
    });
    // One penalty per obligation: 13 + 171 + 171 + 175 + 355 = 885 days, €88,500 at most before liquidation.
    expect(penalties.reduce((sum, { incurredCents }) => sum + incurredCents, 0)).toBe(8_850_000);
    // Every day of the 554 of the period is told once.
    for (const { days } of obligations) expect(Object.values(days).reduce((a, b) => a + b, 0)).toBe(554);
  });

  it('aggregates each indicator as its kind says: the showers a week averaged over the reports, not summed', async () => {
    const complianceCase = await caseIn(store, complianceCases.order2017);
    const { obligations } = await coverageOf(store, complianceCase, { from: '2017-06-26', to: '2017-12-31' });
    const indicators = Object.fromEntries(obligations.flatMap(({ indicators: list }) => list.map((i) => [i.name, [i.kind, i.value, i.target, i.attainment]])));
    expect(indicators).toEqual({
      // (1,120 × 23 days + 1,385 × 31 + 1,040 × 30) / 84 = 1,189.23 a week, against 1,400: not 3,545.
      showers_per_week: ['rate', 1189.23, 1400, 0.8494],
      outreach_days_per_week: ['rate', 7, 7, 1],
      minors_found: ['rate', 143, 100, 1.43],
      minors_sheltered: ['rate', 41, 30, 1.3667],
      litres_per_person_per_day: ['rate', 13.5, 15, 0.9],
      latrines_available: ['stock', 20, 20, 1],
      orientations_to_reception_centres: ['count', 64, 150, 0.4267],
    });
    expect(obligations.find(({ obligationId }) => obligationId === 'showers')!.indicators[0].label).toBe('douches par semaine');
  });

  it('names the sites the water, latrines and showers agreements serve', () => {
    const sitesOf = (mandateId: string) => log.find((e) => e.type === 'MandateGranted' && e.stream === mandateStreamName(mandateId))!.data.territory;
    expect(sitesOf(mandates.waterAndLatrines)).toMatchObject({ sites: [{ name: 'Rue des Verrotières', commune: '62193' }, { name: "Zone d'activité du Virval", commune: '62193' }] });
    expect(sitesOf(mandates.showers)).toMatchObject({ sites: [{ name: 'Rue des Verrotières', commune: '62193' }] });
  });

  it('opens the follow-up order of 2018 as its own case: a latrine point for the eastern sector, which the latrines agreement elsewhere in Calais does not cover', async () => {
    const complianceCase = await caseIn(store, complianceCases.order2018);
    expect(complianceCase.decisions).toEqual([
      { kind: 'opening', court: 'Tribunal administratif de Lille', caseNumbers: ['1806567'], decisionDate: '2018-07-31', notifiedOn: '2018-07-31' },
    ]);
    expect(complianceCase.obligations).toEqual([
      expect.objectContaining({
        obligationId: 'latrines-eastern-sector',
        missionType: 'LATRINES',
        territory: { departement: '62', communes: ['62193'], sites: [{ name: 'Campements du secteur Est, rue de Normandie-Niémen', commune: '62193' }] },
        addressees: [{ kind: 'prefet', name: 'Préfet du Pas-de-Calais' }],
        penaltyPerDayCents: 0,
        measures: [{ mandateId: mandates.waterAndLatrines, effectiveFrom: '2018-07-31' }],
      }),
    ]);
    expect(deadlinesOf(complianceCase)).toEqual([{ notifiedOn: '2018-07-31', deadline: '2018-08-10' }]);
    expect(complianceCase.evidence).toEqual([
      expect.objectContaining({ title: 'Procès-verbal de constat : visite des campements du secteur Est, 20 août 2018', documentDate: '2018-08-20', obligationId: 'latrines-eastern-sector' }),
    ]);
    // The agreement serves the rue des Verrotières and the Virval, not the eastern sector: 11 August – 31 December 2018, 143 days late.
    const [eastern] = (await coverageOf(store, complianceCase, { from: '2018-07-31', to: '2018-12-31' })).obligations;
    expect(eastern).toMatchObject({ covered: [], gaps: [{ from: '2018-08-11', to: '2018-12-31' }], daysLate: 143, penaltyExposureCents: 0, status: 'in_progress' });
  });

  describe('money and open data of 2017–2018', () => {
    const outreach = async () => {
      const mandate = foldStream(mandateDecider, await store.readStream(mandateStreamName(mandates.minorsOutreach)));
      if (mandate.status === 'not_granted') throw new Error('outreach not granted');
      return mandate;
    };

    it('pays each instalment within a week of its due date, but withholds the outreach’s September 2018 one for its late 2017 report', async () => {
      expect(typesOf('MandatePaymentMade')).toHaveLength(8);
      expect(instalmentsOn(await outreach(), '2018-12-31').map(({ dueDate, standing }) => [dueDate, standing])).toEqual([
        ['2017-08-31', 'paid'],
        ['2017-11-30', 'paid'],
        ['2018-02-28', 'paid'],
        ['2018-09-30', 'withheld'],
      ]);
      expect(typesOf('MandatePaymentWithheld').map((e) => e.data)).toEqual([expect.objectContaining({ dueDate: '2018-09-30', decidedOn: '2018-09-24', financialReportYear: 2017 })]);
    });

    it('receives every financial report of 2017 and 2018, one of them late', async () => {
      expect(typesOf('MandateFinancialReportReceived')).toHaveLength(8);
      expect(financialReportsOn(await outreach(), '2019-12-31', 6)).toEqual([
        { financialYear: 2017, dueOn: '2018-06-30', receivedOn: '2018-10-15', spentCents: 11_650_000, standing: 'received_late', daysLate: 107 },
        { financialYear: 2018, dueOn: '2019-06-30', receivedOn: '2019-06-14', spentCents: 20_300_000, standing: 'received', daysLate: 0 },
      ]);
      expect(typesOf('MandateRecoveryOrdered').map((e) => e.data)).toEqual([expect.objectContaining({ titreReference: 'TP-2018-62-0091', amountCents: 300_000 })]);
    });

    const exported = async (args: string[]) => {
      const out = join(dataDir, `export-${randomUUID()}`);
      const run = await captureConsole(() => runExport([...args, '--out', out], { DATA_DIR: dataDir }));
      expect(run.code).toBe(0);
      return readFileSync(out, 'utf8');
    };

    it('exports the préfecture’s subsidies of 2017 as SCDL subventions 2.1.1, valid against the published schema', async () => {
      const csv = await exported(['scdl-subventions', '--authority', '99062000700015', '--year', '2017']);
      expect(validateScdlSubventionsCsv(csv)).toEqual([]);
      expect(csv.split('\r\n').map((line) => line.split(',').slice(2, 4).join(' '))).toEqual([
        'dateConvention referenceDecision',
        '2017-07-27 CONV-2017-62-014',
        '2017-08-11 CONV-2017-62-019',
        '2017-09-07 CONV-2017-62-023',
        '2017-10-13 CONV-2017-62-031',
        '',
      ]);
    });

    it('exports the meal-distribution contract as DECP 2.0.3, valid against the published schema', async () => {
      const document = JSON.parse(await exported(['decp', '--year', '2018']));
      expect(validateDecp(document)).toEqual([]);
      expect(document.marches.marche).toEqual([
        expect.objectContaining({ id: 'MP-2018-62-001', codeCPV: '55320000-9', dateNotification: '2018-03-05', datePublicationDonnees: '2018-04-20', dureeMois: 7, montant: 2_100_000 }),
      ]);
    });
  });

  it('says which compliance case each of its decisions went to', () => {
    expect(first.out).toContainEqual(expect.stringMatching(new RegExp(`^✓ opened case +case-2017:open +\\(compliance case ${complianceCases.order2017}, revision 0, position \\d+\\)$`)));
    expect(first.out).toContainEqual(expect.stringMatching(/^✓ notified +case-2017:notified-on-2017-07-03 +\(compliance case /));
    expect(first.out).toContainEqual('Orders notified on 2017-07-03 (n° 1705379) and 2018-07-31 (n° 1806567)');
  });

  it('appends nothing on a second run, and says so', async () => {
    const head = await store.headPosition();
    const second = await demo(dataDir);
    expect(second.code).toBe(0);
    expect(await store.headPosition()).toBe(head);
    expect(second.out.filter((line) => line.startsWith('= already recorded'))).toHaveLength(CALAIS_2017_STEPS.length);
    expect(second.out.at(-1)).toMatch('nothing appended');
  });

  it('uses ids derived from fixed seeds, the same on every machine', () => {
    expect(operators.laVieActive).toBe('83deec15-dcac-8d88-a25e-f70e63e072ad');
    expect(mandates.minorsOutreach).toBe('d2e2556e-9209-8a21-babb-6d30c9402b24');
    expect(mandates.meals).toBe('af54d798-f46a-8b0f-8329-99f02788a09a');
    expect(complianceCases.order2017).toBe('e8eb3c3c-022e-8e29-885b-3ea1de7a654c');
    expect(complianceCases.order2018).toBe('6db7636f-b1df-8416-9ece-e6d22ec6755d');
  });
});

describe('npm run cli -- demo with notification dates of its own', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'ml-demo-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs the deadlines from the dates given, and refuses other dates on a second run, appending nothing', async () => {
    const run = await demo(dataDir, ['--notified-on', '2017-06-28', '--follow-up-notified-on', '2018-08-01']);
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);

    const store = SqliteEventStore.open({ path: join(dataDir, DB_FILE) });
    try {
      expect(deadlinesOf(await caseIn(store, complianceCases.order2017))).toEqual(Array(5).fill({ notifiedOn: '2017-06-28', deadline: '2017-07-08' }));
      expect(deadlinesOf(await caseIn(store, complianceCases.order2018))).toEqual([{ notifiedOn: '2018-08-01', deadline: '2018-08-11' }]);
      const head = await store.headPosition();

      const again = await demo(dataDir, ['--notified-on', '2017-07-03']);
      expect(again.code).toBe(1);
      expect(again.err).toEqual([expect.stringContaining('case-2017:notified-on-2017-07-03 refused: DECISION_ALREADY_NOTIFIED')]);
      expect(await store.headPosition()).toBe(head);
    } finally {
      await store.close();
    }
  });

  it.each([
    [['--notified-on', '3 July 2017'], '--notified-on must be a date YYYY-MM-DD'],
    [['--notified-on', '2017-02-30'], '--notified-on must be a date YYYY-MM-DD'],
    [['--notified', '2017-07-03'], 'unknown option --notified'],
    [['--follow-up-notified-on'], 'option --follow-up-notified-on needs a value'],
  ])('refuses %p with the usage, before opening any store', async (args, message) => {
    const run = await demo(dataDir, args);
    expect(run.code).toBe(2);
    expect(run.err).toEqual([expect.stringContaining(message)]);
    expect(run.err[0]).toContain('usage: npm run cli -- demo [--notified-on DATE] [--follow-up-notified-on DATE]');
    expect(existsSync(join(dataDir, DB_FILE))).toBe(false);
  });
});

describe('the Calais data set', () => {
  it('uses checksum-valid synthetic SIREN, SIRET and RNA numbers', () => {
    const siretsOfAuthorities = CALAIS_2017_STEPS.flatMap((step) => (step.decision === 'grant' ? [step.data.authority.siret] : []));
    expect(siretsOfAuthorities).toHaveLength(5);
    for (const siret of siretsOfAuthorities) expect(isValidSiret(siret)).toBe(true);
    for (const step of CALAIS_2017_STEPS) {
      if (step.decision !== 'register') continue;
      const { siren, siret, rna } = step.data;
      expect(isValidSiren(siren)).toBe(true);
      expect(isValidSiret(siret!)).toBe(true);
      expect(siret!.startsWith(siren)).toBe(true);
      expect(isValidRna(rna!)).toBe(true);
      // The 99 prefix marks them as made up for the demo.
      expect(siren.startsWith('99')).toBe(true);
    }
  });

  it('names every step once: the name makes its idempotency key', () => {
    const names = CALAIS_2017_STEPS.map((step) => step.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9:-]+$/);
  });
});

describe('npm run cli -- demo on a store where a decision is refused', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'ml-demo-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops at the first refused step, naming it and the refusal', async () => {
    const store = SqliteEventStore.open({ path: join(dataDir, DB_FILE) });
    // Someone else registered La Vie Active under the demo's id, without the demo's key.
    await store.appendToStream(
      operatorStreamName(operators.laVieActive),
      [{
        id: randomUUID(),
        type: 'OperatorRegistered',
        schemaVersion: 1,
        data: {
          operatorId: operators.laVieActive, name: 'La Vie Active', legalForm: 'association', siren: '990620015',
          siret: '99062001500018', departements: ['62'], languages: [], salariedFte: 1,
        },
        metadata: { actor: { sub: 'agent-62', role: 'officer' }, correlationId: 'by-hand' },
      }],
      'no_stream',
    );
    await store.close();

    const run = await demo(dataDir);

    expect(run.code).not.toBe(0);
    expect(run.err).toEqual([expect.stringContaining('operator:la-vie-active refused: OPERATOR_ALREADY_REGISTERED')]);
    const after = SqliteEventStore.open({ path: join(dataDir, DB_FILE) });
    try {
      expect(await after.headPosition()).toBe(1n);
    } finally {
      await after.close();
    }
  });
});
