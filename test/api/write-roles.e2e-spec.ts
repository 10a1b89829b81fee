import { randomUUID } from 'node:crypto';
import { startApi, type TestApi } from '../support/api';

// A role that may never make a write is refused before its body is looked at (DESIGN §4): 403, not
// the 400 listing every rule of a body it could never send.

describe('roles that may never make a write', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  /** Every write route of the API, from the OpenAPI document, with its path parameters filled in. */
  const writeRoutes = async (): Promise<{ method: 'post' | 'patch'; template: string; path: string }[]> => {
    const { body } = await api.http.get('/docs-json').expect(200);
    return Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(([template, operations]) =>
      (['post', 'patch'] as const)
        .filter((method) => method in operations)
        .map((method) => ({ method, template, path: template.replace('{id}', randomUUID()).replace('{obligationId}', 'maraude') })),
    );
  };

  it('refuses an auditor every write with 403 before looking at its body, not 400', async () => {
    const auditor = api.bearer({ sub: 'ccomptes-1', role: 'auditor' });
    const routes = await writeRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(20);

    // Issuing a report is the one write an auditor makes: whoever may read a report may issue it (issue 17).
    const issue = '/compliance-cases/{id}/reports';
    for (const { method, path, template } of routes.filter((route) => route.template !== issue)) {
      const response = await api.http[method](path).set('Authorization', auditor).send({});
      expect({ template, status: response.status, code: response.body.code }).toEqual({ template, status: 403, code: 'ROLE_NOT_ALLOWED' });
    }
    const issued = await api.http.post(issue.replace('{id}', randomUUID())).set('Authorization', auditor).send({});
    expect({ status: issued.status, code: issued.body.code }).toEqual({ status: 404, code: 'COMPLIANCE_CASE_NOT_FOUND' });
  });

  it('refuses an operator, before looking at its body, every write but its activity reports, completion and financial reports', async () => {
    const operator = api.bearer({ sub: 'lva-1', role: 'operator', operatorId: randomUUID() });
    const own = ['/mandates/{id}/activity-reports', '/mandates/{id}/completion', '/mandates/{id}/financial-reports'];
    const routes = await writeRoutes();

    for (const { method, path, template } of routes.filter((route) => !own.includes(route.template))) {
      const response = await api.http[method](path).set('Authorization', operator).send({});
      expect({ template, status: response.status, code: response.body.code }).toEqual({ template, status: 403, code: 'ROLE_NOT_ALLOWED' });
    }
    for (const { method, path } of routes.filter((route) => own.includes(route.template))) {
      expect((await api.http[method](path).set('Authorization', operator).send({})).status).toBe(400);
    }
  });
});
