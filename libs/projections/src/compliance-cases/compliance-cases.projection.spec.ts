import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ComplianceCaseEvent, OpenedComplianceCase } from '@mandate-ledger/domain';
import {
  appealDecided,
  caseClosed,
  caseOpened,
  complianceCaseId,
  contested,
  maraudeObligation,
  measureLinked,
  notified,
  obligationAdded,
  penaltyLiquidated,
  reviewRequested,
  satisfied,
} from '../../../domain/src/testing/compliance-case.fixtures';
import type { Projection } from '../projection';
import { SqliteReadStore } from '../read-store/sqlite.read-store';
import { rebuildProjection } from '../runtime/rebuild';
import { FixedLog } from '../testing/fixed-log';
import { type GivenEvent, projectionSpecification, storedEvents } from '../testing/projection-specification';
import { complianceCasesProjection } from './compliance-cases.projection';
import { queryComplianceCases } from './compliance-cases.query';

const onCase = (event: ComplianceCaseEvent, id = complianceCaseId): GivenEvent => ({
  stream: `compliance_case-${id}`,
  type: event.type,
  data: { ...event.data, complianceCaseId: id },
});

const given = projectionSpecification(complianceCasesProjection);
const waterObligation = { ...maraudeObligation, obligationId: 'art-3-eau', article: 'art. 3', missionType: 'WATER_ACCESS' as const };

const childRows = (row: OpenedComplianceCase, child: 'obligations' | 'measures') => complianceCasesProjection.children![child].rowsOf(row);

describe('the compliance cases index', () => {
  it('keeps the case as the domain folds it, with its status, court and decision date as columns', () =>
    given([onCase(caseOpened())])
      .when(onCase(appealDecided()))
      .then((rows) => {
        const row = rows.get(complianceCaseId)!;
        expect(row.decisions.map((d) => d.caseNumbers)).toEqual([['1705379'], ['412125', '412171']]);
        expect(complianceCasesProjection.columnsOf(row)).toEqual({ status: 'open', court: 'Tribunal administratif de Lille', decided_on: '2017-06-26' });
      }));

  it('indexes each obligation with its département, its deadline once the ordering decision is notified, and its standing', () =>
    given([onCase(caseOpened()), onCase(obligationAdded()), onCase(obligationAdded(waterObligation))])
      .when(onCase(notified({ notifiedOn: '2017-06-28' })), onCase(satisfied({ obligationId: 'art-3-eau', satisfiedOn: '2017-07-10' })))
      .then((rows) => {
        expect(childRows(rows.get(complianceCaseId)!, 'obligations')).toEqual([
          { obligation_id: 'art-2-maraude', mission_type: 'MARAUDE_MINORS', departement: '62', deadline: '2017-07-08', standing: 'ordered' },
          { obligation_id: 'art-3-eau', mission_type: 'WATER_ACCESS', departement: '62', deadline: '2017-07-08', standing: 'satisfied' },
        ]);
      }));

  it('has no deadline before the notification: deadlines never start at the decision date', () =>
    given([onCase(caseOpened()), onCase(obligationAdded())])
      .when()
      .then((rows) => expect(childRows(rows.get(complianceCaseId)!, 'obligations')[0]).toMatchObject({ deadline: null, standing: 'ordered' })));

  it('indexes linked measures by mandate, and a contestation as the standing', () =>
    given([onCase(caseOpened()), onCase(obligationAdded()), onCase(measureLinked({ mandateId: 'm-1', effectiveFrom: '2017-07-27' }))])
      .when(onCase(contested({ contestedOn: '2017-08-01' })), onCase(caseClosed()))
      .then((rows) => {
        const row = rows.get(complianceCaseId)!;
        expect(childRows(row, 'measures')).toEqual([{ mandate_id: 'm-1', obligation_id: 'art-2-maraude', effective_from: '2017-07-27' }]);
        expect(childRows(row, 'obligations')[0]).toMatchObject({ standing: 'contested' });
        expect(complianceCasesProjection.columnsOf(row)).toMatchObject({ status: 'closed' });
      }));

  it('ignores other streams', () =>
    given([{ stream: 'mandate-m1', type: 'MandateGranted', data: {} }])
      .when()
      .then((rows) => expect(rows.size).toBe(0)));

  it('stops on an event it does not know, on a case opened twice, and on a decision for a case never opened', () => {
    given([onCase(caseOpened())])
      .when({ stream: `compliance_case-${complianceCaseId}`, type: 'ComplianceCaseRenamed', data: {} })
      .thenFails(/does not know the event type ComplianceCaseRenamed/);
    given([onCase(caseOpened())]).when(onCase(caseOpened())).thenFails(/opened twice/);
    given([]).when(onCase(obligationAdded())).thenFails(/never opened/);
    given([onCase(caseOpened())])
      .when({ ...onCase(obligationAdded()), schemaVersion: 3 })
      .thenFails(/does not know schemaVersion 3 of ComplianceObligationAdded/);
  });
});

describe('the compliance cases query, on a SQLite read store', () => {
  let dir: string;
  let readStore: SqliteReadStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ml-compliance-cases-'));
    readStore = SqliteReadStore.open({ path: join(dir, 'read.db') });
    const lille = 'c-lille';
    const nord = 'c-nord';
    const empty = 'c-empty';
    const log = new FixedLog(
      storedEvents([
        onCase(caseOpened(), lille),
        onCase(obligationAdded(), lille),
        onCase(obligationAdded(waterObligation), lille),
        onCase(notified({ notifiedOn: '2017-06-28' }), lille),
        onCase(measureLinked({ mandateId: 'm-1', effectiveFrom: '2017-07-27' }), lille),
        onCase(satisfied({ obligationId: 'art-3-eau', satisfiedOn: '2017-07-05' }), lille),
        onCase(appealDecided(), lille),
        onCase(reviewRequested(), lille),
        onCase(penaltyLiquidated(), lille),
        onCase(caseOpened({ decisionDate: '2018-07-31', caseNumbers: ['1806567'] }), nord),
        onCase(obligationAdded({ decision: '1806567', territory: { departement: '59', communes: ['59350'] } }), nord),
        onCase(caseOpened({ decisionDate: '2018-01-10', caseNumbers: ['1800001'] }), empty),
      ]),
    );
    await rebuildProjection(log, readStore, complianceCasesProjection as Projection<unknown>);
  });

  afterAll(async () => {
    await readStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ids = async (filters: Partial<Parameters<typeof queryComplianceCases>[1]>) =>
    (await queryComplianceCases(readStore, { page: 1, pageSize: 50, ...filters }))!.items.map((c) => c.id);

  it('lists cases, the most recent decision first, with their obligations, deadlines and measures', async () => {
    const page = (await queryComplianceCases(readStore, { page: 1, pageSize: 50 }))!;
    expect(page.total).toBe(3);
    expect(page.items.map((c) => c.id)).toEqual(['c-nord', 'c-empty', 'c-lille']);
    expect(page.items[2]).toMatchObject({
      court: 'Tribunal administratif de Lille',
      caseNumbers: ['1705379'],
      obligations: [
        { obligationId: 'art-2-maraude', notifiedOn: '2017-06-28', deadline: '2017-07-08', penaltyPerDayCents: 10_000, standing: 'ordered', measures: [{ mandateId: 'm-1', effectiveFrom: '2017-07-27' }] },
        { obligationId: 'art-3-eau', standing: 'satisfied', measures: [] },
      ],
      reviews: [{ reviewId: 'bilan-ce-2017', kind: 'bilan', dueOn: '2017-08-31' }],
      liquidatedCents: 120_000,
    });
    expect(page.items[2].obligations[0]).toMatchObject({ oneOff: false, penaltyScope: 'obligation' });
  });

  it('filters on département, linked mandate, overdue obligations and status', async () => {
    expect(await ids({ departement: '59' })).toEqual(['c-nord']);
    expect(await ids({ mandateId: 'm-1' })).toEqual(['c-lille']);
    // On 9 July 2017 the outreach obligation (deadline 8 July) is still only ordered; the water one was satisfied.
    expect(await ids({ overdueOn: '2017-07-09' })).toEqual(['c-lille']);
    expect(await ids({ overdueOn: '2017-07-08' })).toEqual([]);
    expect(await ids({ status: 'closed' })).toEqual([]);
  });

  it("shows an officer the cases of its départements and those with no obligation yet", async () => {
    expect(await ids({ withinDepartements: ['62'] })).toEqual(['c-empty', 'c-lille']);
    expect(await ids({ withinDepartements: ['59', '62'] })).toEqual(['c-nord', 'c-empty', 'c-lille']);
    expect(await ids({ withinDepartements: [] })).toEqual(['c-empty']);
  });

  it('pages', async () => {
    const second = (await queryComplianceCases(readStore, { page: 2, pageSize: 2 }))!;
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(second.items.map((c) => c.id)).toEqual(['c-lille']);
  });
});
