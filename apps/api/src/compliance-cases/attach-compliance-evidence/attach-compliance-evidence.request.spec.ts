import type { AttachComplianceEvidence } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { AttachComplianceEvidenceRequest } from './attach-compliance-evidence.request';

const sha256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const evidence = (extra: Record<string, unknown> = {}) => ({ sha256, title: 'Rapport de la maraude, août 2017', documentDate: '2017-09-05', ...extra });

describe('AttachComplianceEvidenceRequest', () => {
  it('accepts a document about the case, or about one obligation', async () => {
    expect(await validateBody(AttachComplianceEvidenceRequest, evidence())).toEqual([]);
    expect(await validateBody(AttachComplianceEvidenceRequest, evidence({ obligationId: 'maraude-minors' }))).toEqual([]);
  });

  it('maps onto the domain command data as plain JSON data', async () => {
    const data: Omit<AttachComplianceEvidence['data'], 'complianceCaseId'> = await validInstance(AttachComplianceEvidenceRequest, evidence());
    expect(plainData(data)).toStrictEqual(evidence());
  });

  it('takes a digest printed in upper case as the same digest', async () => {
    expect((await validInstance(AttachComplianceEvidenceRequest, evidence({ sha256: sha256.toUpperCase() }))).sha256).toBe(sha256);
  });

  it.each<[string, unknown, string[]]>([
    ['a digest one digit short', evidence({ sha256: sha256.slice(1) }), ['sha256']],
    ['a digest that is not hexadecimal', evidence({ sha256: 'g'.repeat(64) }), ['sha256']],
    ['a digest in base64', evidence({ sha256: Buffer.from(sha256, 'hex').toString('base64') }), ['sha256']],
    ['the document itself', evidence({ document: 'JVBERi0xLjQK' }), ['document']],
    ['a title of more than 200 characters', evidence({ title: 'x'.repeat(201) }), ['title']],
    ['a document date that does not exist', evidence({ documentDate: '2017-09-31' }), ['documentDate']],
    ['a null obligation', evidence({ obligationId: null }), ['obligationId']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(AttachComplianceEvidenceRequest, body)).toEqual(fields);
  });

  it('reports every failing field at once', async () => {
    expect(await failingFields(AttachComplianceEvidenceRequest, {})).toEqual(['documentDate', 'sha256', 'title']);
  });
});
