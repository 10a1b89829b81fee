import { expectOpenApiToDescribe, openApiSchemas } from '../../http/request-validation.testing';
import { DeregisterOperatorRequest } from '../deregister-operator/deregister-operator.request';
import { RegisterOperatorRequest } from '../register-operator/register-operator.request';
import { UpdateOperatorRequest } from '../update-operator/update-operator.request';

const bodies = [RegisterOperatorRequest, UpdateOperatorRequest, DeregisterOperatorRequest];

describe('the OpenAPI document of the operator request bodies', () => {
  it('documents every validated property, leaves optional ones optional and lists closed values', async () => {
    await expectOpenApiToDescribe(bodies);
  });

  it('describes the registration as DESIGN §4 does, and the PATCH with nullable identifiers', async () => {
    const schemas = await openApiSchemas(bodies);
    expect(schemas.RegisterOperatorRequest.required).toEqual(['name', 'legalForm', 'siren', 'departements', 'languages', 'salariedFte']);
    expect(schemas.LegalForm).toMatchObject({ enum: ['association', 'association_rup', 'public_establishment', 'civil_protection_association', 'company'] });
    expect(schemas.UpdateOperatorRequest.required ?? []).toEqual([]);
    expect(schemas.UpdateOperatorRequest.properties?.rna).toMatchObject({ nullable: true, pattern: '^W\\d{9}$' });
    expect(schemas.UpdateOperatorRequest.properties).not.toHaveProperty('siren');
  });
});
