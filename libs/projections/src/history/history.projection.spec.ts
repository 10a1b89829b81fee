import { projectionSpecification } from '../testing/projection-specification';
import { historyProjection } from './history.projection';

const given = projectionSpecification(historyProjection);

describe('the history projection', () => {
  it('keeps every decision on mandates, operators and compliance cases, keyed in log order, with its metadata', () =>
    given([{ stream: 'operator-lva', type: 'OperatorRegistered', data: { name: 'LVA' } }])
      .when(
        { stream: 'mandate-m1', type: 'MandateSuspended', data: { reason: 'safety' } },
        { stream: 'compliance_case-c1', type: 'ComplianceCaseOpened', data: {} },
        { stream: 'elsewhere-x1', type: 'SomethingElse', data: {} },
      )
      .then((rows) => {
        expect([...rows.keys()]).toEqual(['1', '2', '3'].map((p) => p.padStart(40, '0')));
        expect(historyProjection.columnsOf(rows.get('3'.padStart(40, '0'))!)).toMatchObject({ category: 'compliance_case', aggregate_id: 'c1' });
        expect(rows.get('2'.padStart(40, '0'))).toMatchObject({
          stream: 'mandate-m1',
          revision: 0,
          position: '2',
          type: 'MandateSuspended',
          data: { reason: 'safety' },
          metadata: { actor: { sub: 'projection-spec', role: 'admin' } },
        });
        expect(historyProjection.columnsOf(rows.get('2'.padStart(40, '0'))!)).toMatchObject({ category: 'mandate', aggregate_id: 'm1', type: 'MandateSuspended' });
      }));
});
