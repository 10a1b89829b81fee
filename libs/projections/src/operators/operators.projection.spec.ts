import { projectionSpecification } from '../testing/projection-specification';
import { operatorsProjection } from './operators.projection';
import { rowStateOf } from '../runtime/row-changes';

const stream = 'operator-lva';
const registered = {
  stream,
  type: 'OperatorRegistered',
  data: { operatorId: 'lva', name: 'La Vie Active', legalForm: 'association', siren: '732829320', departements: ['59', '62'], languages: [], salariedFte: 120 },
};
const given = projectionSpecification(operatorsProjection);

describe('the operators list projection', () => {
  it('lists a registered operator with its name, status and départements', () =>
    given()
      .when(registered)
      .then((rows) => {
        const row = rowStateOf(operatorsProjection as never, rows.get('lva'));
        expect(row.values).toEqual({ name: 'La Vie Active', status: 'registered', legal_form: 'association' });
        expect([...row.children.get('departements')!.values()]).toEqual([{ departement: '59' }, { departement: '62' }]);
      }));

  it('follows renames and deregistration', () =>
    given([registered])
      .when(
        { stream, type: 'OperatorDetailsUpdated', data: { operatorId: 'lva', changes: { name: 'LVA' } } },
        { stream, type: 'OperatorDeregistered', data: { operatorId: 'lva', effectiveFrom: '2019-01-01', reason: 'merged' } },
      )
      .then((rows) => expect(rows.get('lva')).toMatchObject({ status: 'deregistered', details: { name: 'LVA' } })));

  it('stops on an update of an operator it never saw registered', () =>
    given()
      .when({ stream, type: 'OperatorDetailsUpdated', data: { operatorId: 'lva', changes: {} } })
      .thenFails(/never registered/));
});
