import type { GrantedMandate } from '@mandate-ledger/domain';
import { amendMandate, completed, granted, mandateId, reinstated, renewed, suspended, terminated } from '../../../domain/src/testing/mandate.fixtures';
import { projectionSpecification, storedEvents } from '../testing/projection-specification';
import { rowStateOf } from '../runtime/row-changes';
import { mandatesBoardProjection } from './mandates-board.projection';
import { boardItemOf } from './mandates-board.query';

const stream = `mandate-${mandateId}`;
const on = (event: { type: string; data: object; schemaVersion?: number }) => ({ stream, ...event });
const given = projectionSpecification(mandatesBoardProjection);
const amended = (data: object) => ({ type: 'MandateAmended', schemaVersion: 1, data: { ...amendMandate().data, ...data } });

const row = (rows: Map<string, GrantedMandate>) => rowStateOf(mandatesBoardProjection as never, rows.get(mandateId));
const children = (rows: Map<string, GrantedMandate>, table: string) => [...row(rows).children.get(table)!.values()];

const grantedPeriod = { period_start: '2017-07-27', period_end: '2017-12-31', terminated_from: null, completed_on: null };

describe('the mandates board projection', () => {
  it('shows a granted mandate with the dated facts its status is computed from', () =>
    given()
      .when(on(granted()))
      .then((rows) => {
        expect(row(rows).values).toEqual({
          operator_id: 'op-france-terre-d-asile',
          period_start: '2017-07-27',
          period_end: '2017-12-31',
          terminated_from: null,
          completed_on: null,
          suspensions: 0,
        });
        expect(children(rows, 'missions')).toEqual([{ effective_from: null, effective_to: null, mission_type: 'MARAUDE_MINORS' }]);
        expect(children(rows, 'territory')).toEqual([{ effective_from: null, effective_to: null, departement: '62', commune: '62193' }]);
        expect(children(rows, 'scope')).toEqual([{ departement: '62', ...grantedPeriod }]);
      }));

  it('keeps the payment schedule and the payments, so the board shows paid, due and overdue', () => {
    const schedule = [
      { dueDate: '2017-08-15', amountCents: 6_000_000 },
      { dueDate: '2017-11-15', amountCents: 6_000_000 },
    ];
    const paid = { type: 'MandatePaymentMade', data: { mandateId, dueDate: '2017-08-15', paidOn: '2017-08-21', amountCents: 6_000_000, chorusReference: 'DP-1' } };
    given([on(granted({ financing: { ...granted().data.financing, schedule } }))])
      .when(on(paid))
      .then((rows) => {
        const mandate = rows.get(mandateId)!;
        expect(boardItemOf(mandateId, mandate, 'active', '2017-10-01').payments).toEqual({
          scheduledCents: 12_000_000, paidCents: 6_000_000, dueCents: 6_000_000, overdueCents: 0, withheldCents: 0, recoveredCents: 0,
        });
        expect(boardItemOf(mandateId, mandate, 'expired', '2018-01-10').payments).toMatchObject({ dueCents: 0, overdueCents: 6_000_000 });
      });
  });

  it('records a suspension as an open interval, closed by the reinstatement', () => {
    given([on(granted())])
      .when(on(suspended()))
      .then((rows) => expect(children(rows, 'suspensions')).toEqual([{ from_date: '2017-10-02', until_date: null }]));
    given([on(granted()), on(suspended())])
      .when(on(reinstated()))
      .then((rows) => {
        expect(children(rows, 'suspensions')).toEqual([{ from_date: '2017-10-02', until_date: '2017-10-09' }]);
        expect(row(rows).values.suspensions).toBe(1);
      });
  });

  it('extends the period on a renewal and on an amended end', () => {
    given([on(granted())])
      .when(on(renewed({ newEnd: '2018-06-30' })))
      .then((rows) => expect(row(rows).values.period_end).toBe('2018-06-30'));
    given([on(granted())])
      .when(on(amended({ effectiveFrom: '2017-11-01', changes: { periodEnd: '2018-03-31' } })))
      .then((rows) => expect(row(rows).values.period_end).toBe('2018-03-31'));
  });

  it('versions missions and territory by effective date, the first version covering the days before it', () =>
    given([on(granted())])
      .when(
        on(
          amended({
            effectiveFrom: '2017-11-01',
            changes: {
              missions: [{ type: 'WATER_ACCESS', indicators: [] }, { type: 'SHOWERS', indicators: [] }],
              territory: { departement: '62', communes: [] },
            },
          }),
        ),
      )
      .then((rows) => {
        expect(children(rows, 'missions')).toEqual([
          { effective_from: null, effective_to: '2017-11-01', mission_type: 'MARAUDE_MINORS' },
          { effective_from: '2017-11-01', effective_to: null, mission_type: 'WATER_ACCESS' },
          { effective_from: '2017-11-01', effective_to: null, mission_type: 'SHOWERS' },
        ]);
        expect(children(rows, 'territory')).toEqual([
          { effective_from: null, effective_to: '2017-11-01', departement: '62', commune: '62193' },
          { effective_from: '2017-11-01', effective_to: null, departement: '62', commune: '' },
        ]);
      }));

  it('keeps the mission and territory rows an amendment keeps, whatever it changes besides', () =>
    given([on(granted())])
      .when(
        on(amended({ effectiveFrom: '2017-10-01', changes: { staffing: { salariedFte: 3 } } })),
        on(amended({ effectiveFrom: '2017-11-01', changes: { missions: [{ type: 'MARAUDE_MINORS', indicators: [] }, { type: 'SHOWERS', indicators: [] }] } })),
      )
      .then((rows) => {
        expect(children(rows, 'missions')).toEqual([
          { effective_from: null, effective_to: null, mission_type: 'MARAUDE_MINORS' },
          { effective_from: '2017-11-01', effective_to: null, mission_type: 'SHOWERS' },
        ]);
        expect(children(rows, 'territory')).toEqual([{ effective_from: null, effective_to: null, departement: '62', commune: '62193' }]);
      }));

  it('keeps in scope every département the mandate ever touched', () =>
    given([on(granted())])
      .when(on(amended({ effectiveFrom: '2017-11-01', changes: { territory: { departement: '59', communes: ['59271'] } } })))
      .then((rows) =>
        expect(children(rows, 'scope')).toEqual([
          { departement: '62', ...grantedPeriod },
          { departement: '59', ...grantedPeriod },
        ]),
      ));

  it("gives each département in scope the period columns, so that an officer's board reads them there", () => {
    given([on(granted()), on(suspended())])
      .when(on(terminated({ effectiveFrom: '2017-11-15' })))
      .then((rows) => {
        expect(children(rows, 'scope')).toEqual([{ departement: '62', ...grantedPeriod, terminated_from: '2017-11-15' }]);
        const { departement: _departement, ...period } = children(rows, 'scope')[0];
        expect(row(rows).values).toEqual({ operator_id: 'op-france-terre-d-asile', ...period, suspensions: 1 });
      });
    // A suspension does not version the scope rows.
    given([on(granted())])
      .when(on(suspended()))
      .then((rows) => expect(children(rows, 'scope')).toEqual([{ departement: '62', ...grantedPeriod }]));
  });

  it('records the termination and completion dates', () => {
    given([on(granted())])
      .when(on(terminated({ effectiveFrom: '2017-11-15' })))
      .then((rows) => expect(row(rows).values).toMatchObject({ terminated_from: '2017-11-15', completed_on: null }));
    given([on(granted())])
      .when(on(completed({ completedOn: '2017-12-20' })))
      .then((rows) => expect(row(rows).values).toMatchObject({ terminated_from: null, completed_on: '2017-12-20' }));
  });

  it('leaves the row as it was on an activity report', () => {
    const [grant, report] = storedEvents([
      on(granted()),
      on({ type: 'MandateActivityReported', data: { mandateId, periodStart: '2017-08-01', periodEnd: '2017-08-31', indicators: [], staff: { salariedFte: 1 }, fundedStaffFte: 1 } }),
    ]);
    const before = mandatesBoardProjection.evolve(undefined, grant, mandateId)!;
    expect(mandatesBoardProjection.evolve(before, report, mandateId)).toBe(before);
  });

  it('ignores the events of other streams', () =>
    given()
      .when({ stream: 'operator-x', type: 'OperatorRegistered', data: {} })
      .then((rows) => expect(rows.size).toBe(0)));

  it('stops on an event for a mandate it never saw granted', () =>
    given().when(on(suspended())).thenFails(/MandateSuspended for mandate mandate-maraude, never granted/));

  it('stops on a schema version it does not know rather than guessing', () =>
    given([on(granted())])
      .when(on({ ...suspended(), schemaVersion: 2 }))
      .thenFails(/does not know schemaVersion 2 of MandateSuspended/));

  it('stops on a mandate event type it does not know', () =>
    given([on(granted())])
      .when(on({ type: 'MandateTransferred', data: {} }))
      .thenFails(/does not know the mandate event type MandateTransferred/));
});
