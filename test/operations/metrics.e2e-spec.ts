import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import { startApi, type TestApi } from '../support/api';
import { laVieActive } from '../support/calais-bodies';
import { PERIOD, recordCalaisScenario } from '../compliance-report/support/calais-scenario';

/** The value of one sample of the Prometheus text, or undefined when absent. */
const sample = (text: string, name: string, labels: Record<string, string> = {}): number | undefined => {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `) ? wanted.every((w) => l.includes(w)) : false);
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

describe('GET /metrics', () => {
  let api: TestApi;
  const admin = () => api.bearer({ sub: 'admin-1', role: 'admin' });
  beforeAll(async () => (api = await startApi({ RATE_LIMIT_PER_MINUTE: '0' })));
  afterAll(() => api.close());

  it('is for admins only on the API port', async () => {
    await api.http.get('/metrics').expect(401);
    await api.http.get('/metrics').set('Authorization', api.bearer({ sub: 'auditor-1', role: 'auditor' })).expect(403);
    const response = await api.http.get('/metrics').set('Authorization', admin()).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
  });

  it('counts requests by route pattern, appends by store, projections, the sealer, checkpoints and report rendering', async () => {
    const { caseId } = await recordCalaisScenario(api.app.get<EventStore>(EVENT_STORE));
    const officer = api.bearer({ sub: 'officer-62', role: 'officer', departements: ['62'] });
    const operator = await api.http.post('/operators').set('Authorization', officer).send(laVieActive).expect(201);
    await api.http.get(`/operators/${operator.body.id}`).set('Authorization', officer).expect(200);
    // A preview records nothing; an issuance records ComplianceReportIssued.
    await api.http.get(`/compliance-cases/${caseId}/report`).query({ ...PERIOD, format: 'csv' }).set('Authorization', admin()).expect(200);
    await api.http.post(`/compliance-cases/${caseId}/reports`).send({ ...PERIOD, format: 'json' }).set('Authorization', admin()).expect(201);

    const text = (await api.http.get('/metrics').set('Authorization', admin()).expect(200)).text;
    expect(sample(text, 'mandate_ledger_http_request_duration_seconds_count', { method: 'GET', route: '/operators/:id', status: '200' })).toBe(1);
    expect(sample(text, 'mandate_ledger_http_request_duration_seconds_count', { method: 'POST', route: '/operators', status: '201' })).toBe(1);
    expect(text).not.toContain(operator.body.id);
    expect(sample(text, 'mandate_ledger_event_store_append_duration_seconds_count', { store: 'sqlite', outcome: 'ok' })).toBeGreaterThan(10);
    expect(sample(text, 'mandate_ledger_events_appended_total', { store: 'sqlite', type: 'MandateGranted' })).toBe(5);
    expect(sample(text, 'mandate_ledger_events_appended_total', { store: 'sqlite', type: 'OperatorRegistered' })).toBe(1);
    expect(sample(text, 'mandate_ledger_events_appended_total', { store: 'sqlite', type: 'ComplianceReportIssued' })).toBe(1);
    expect(sample(text, 'mandate_ledger_report_render_duration_seconds_count', { format: 'csv' })).toBe(1);
    expect(sample(text, 'mandate_ledger_projection_state', { projection: 'mandates_board', state: 'live' })).toBe(1);
    for (const name of ['lag_positions', 'lag_events', 'lag_seconds']) {
      expect(sample(text, `mandate_ledger_projection_${name}`, { projection: 'history' })).toBeGreaterThanOrEqual(0);
    }
    // The report signed a checkpoint covering its events.
    expect(sample(text, 'mandate_ledger_audit_tree_size')).toBeGreaterThan(0);
    expect(sample(text, 'mandate_ledger_audit_checkpoint_tree_size')).toBeGreaterThan(0);
    expect(sample(text, 'mandate_ledger_audit_checkpoint_age_seconds')).toBeLessThan(60);
    expect(sample(text, 'mandate_ledger_audit_sealer_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
  });
});
