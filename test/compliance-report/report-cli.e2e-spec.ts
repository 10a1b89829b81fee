import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { complianceCaseStreamName, complianceReportStreamName, mandateStreamName } from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import type { ComplianceReportBundle } from '@mandate-ledger/reports';
import { runEvidence } from '../../apps/cli/src/evidence.command';
import { runVerifyBundle } from '../../apps/cli/src/verify-bundle.command';
import { startApi, type TestApi } from '../support/api';
import { captureConsoleText } from '../support/console';
import { type CalaisScenario, PERIOD, recordCalaisScenario } from './support/calais-scenario';

// `evidence --case` and `verify-bundle` as the CLI runs them, on the SQLite file of a running server.

const root = join(__dirname, '..', '..');

const run = captureConsoleText;

describe('npm run cli -- evidence --case | verify-bundle', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let api: TestApi;
  let store: EventStore;
  let scenario: CalaisScenario;
  let vkey: string;
  let file: string;

  const bundleOf = (path = file): ComplianceReportBundle => JSON.parse(readFileSync(path, 'utf8'));
  const tampered = (change: (bundle: ComplianceReportBundle & Record<string, unknown>) => void, name: string) => {
    const bundle = bundleOf() as ComplianceReportBundle & Record<string, unknown>;
    change(bundle);
    const path = join(dataDir, name);
    writeFileSync(path, JSON.stringify(bundle));
    return path;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ml-report-cli-'));
    env = { DATA_DIR: dataDir };
    api = await startApi({ ...env, AUDIT_CHECKPOINT_INTERVAL_MS: '0', AUDIT_SEAL_INTERVAL_MS: '0' });
    store = api.app.get(EVENT_STORE);
    scenario = await recordCalaisScenario(store);
    vkey = (await api.http.get('/audit/public-key?format=vkey').expect(200)).text.trim();
    file = join(dataDir, 'report.json');
  });
  afterAll(async () => {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('issues the report bundle as known at an instant: its own stream records the hash of the file, the case stream is untouched', async () => {
    const caseEvents = (await store.readStream(complianceCaseStreamName(scenario.caseId))).length;
    const args = ['--case', scenario.caseId.toUpperCase(), '--from', PERIOD.from, '--to', PERIOD.to, '--as-known-at', scenario.beforeRetroactive, '--out', file];
    const made = await run(() => runEvidence(args, env));
    expect(made).toMatchObject({ code: 0, err: expect.stringContaining('5 obligations, 22 events proven') });
    const bundle = bundleOf();
    expect(bundle.subject).toMatchObject({ kind: 'compliance_case', id: scenario.caseId });
    expect(bundle.attachments.complianceReport).toMatchObject({ period: PERIOD, asKnownAt: scenario.beforeRetroactive });
    const reportId = bundle.attachments.document!.reportId!;
    expect(made.err).toContain(`issued as report ${reportId}`);
    const [issued] = await store.readStream(complianceReportStreamName(reportId));
    expect(issued).toMatchObject({
      type: 'ComplianceReportIssued',
      data: { reportId, reportSha256: createHash('sha256').update(readFileSync(file)).digest('hex'), format: 'json', issuedBy: 'cli' },
      metadata: { actor: { sub: 'cli', role: 'admin' } },
    });
    expect(await store.readStream(complianceCaseStreamName(scenario.caseId))).toHaveLength(caseEvents);
    // The server serves the very file the CLI issued.
    const again = await api.http.get(`/compliance-cases/${scenario.caseId}/reports/${reportId}`).set('Authorization', api.bearer({ sub: 'admin-1', role: 'admin' })).expect(200);
    expect(again.headers['x-report-sha256']).toBe(issued.data.reportSha256);
  });

  it('issues a PDF with its signatory, and refuses a signatory given in part', async () => {
    const pdf = join(dataDir, 'report.pdf');
    const signatory = ['--signed-at', 'Arras', '--signed-by', 'Claire Martin', '--signatory-quality', 'Directrice de cabinet'];
    const made = await run(() => runEvidence(['--case', scenario.caseId, '--from', PERIOD.from, '--to', PERIOD.to, '--format', 'pdf', ...signatory, '--out', pdf], env));
    expect(made.code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await run(() => runEvidence(['--case', scenario.caseId, '--signed-by', 'Claire Martin'], env))).code).toBe(2);
    expect((await run(() => runEvidence(['--case', scenario.caseId, '--csv', 'excel-fr'], env))).code).toBe(2);
  });

  it('verifies the bundle offline with the published key and recomputes the same figures from its events', async () => {
    const verified = await run(() => runVerifyBundle([file, '--key', vkey]));
    expect(verified.code).toBe(0);
    expect(verified.out).toContain(`22 events of compliance_case ${scenario.caseId}`);
    expect(verified.out).toContain("✓ the compliance report's figures (5 obligations, 5 linked mandates) follow from its 22 events");
  });

  it('refuses a bundle one of whose events was changed, naming the event', async () => {
    const path = tampered((bundle) => {
      const suspension = bundle.events.find(({ envelope }) => envelope.type === 'MandateSuspended')!;
      (suspension.envelope.data as { effectiveFrom: string }).effectiveFrom = '2017-10-05';
    }, 'event-changed.json');
    const refused = await run(() => runVerifyBundle([path, '--key', vkey]));
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^✗ EVENT_NOT_PROVEN: .*MandateSuspended/);
  });

  it('refuses a bundle whose report states a figure its events do not give, naming the figure', async () => {
    const path = tampered((bundle) => {
      const report = bundle.attachments.complianceReport as unknown as { obligations: { daysLate: number; penaltyExposureCents: number }[] };
      report.obligations[0].daysLate = 9;
      report.obligations[0].penaltyExposureCents = 90_000;
    }, 'figure-changed.json');
    const refused = await run(() => runVerifyBundle([path, '--key', vkey]));
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('are in the log');
    expect(refused.err.split('\n')).toEqual([
      '✗ REPORT_MISMATCH: the compliance report does not follow from its events',
      '  report.obligations[art-2-maraude].daysLate: the report says 9, the events give 25',
      '  report.obligations[art-2-maraude].penaltyExposureCents: the report says 90000, the events give 250000',
    ]);
  });

  it('refuses a bundle that leaves out the last event of a mandate: the proofs hold, the figures do not', async () => {
    const maraude = mandateStreamName(scenario.mandates.maraude);
    const path = tampered((bundle) => {
      const last = bundle.events.filter(({ envelope }) => envelope.stream === maraude).at(-1)!;
      (bundle as unknown as { events: unknown[] }).events = bundle.events.filter((event) => event !== last);
    }, 'event-left-out.json');
    const refused = await run(() => runVerifyBundle([path]));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('REPORT_MISMATCH');
    expect(refused.err).toContain('report.obligations[art-2-maraude].covered');
  });

  it('checks a report bundle from the command line with no database configured', () => {
    const cli = (path: string) =>
      spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/cli/src/main.ts', 'verify-bundle', path], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.json'), EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
        timeout: 60_000,
      });
    const good = cli(file);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain("figures (5 obligations, 5 linked mandates) follow from its 22 events");
    const bad = cli(join(dataDir, 'figure-changed.json'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('report.obligations[art-2-maraude].daysLate');
  }, 120_000);

  it('refuses wrong arguments (2) and an unknown case (1)', async () => {
    expect((await run(() => runEvidence(['--case', scenario.caseId, '--from', '26/06/2017'], env))).code).toBe(2);
    expect((await run(() => runEvidence(['--case', scenario.caseId, '--as-known-at', 'yesterday'], env))).code).toBe(2);
    expect((await run(() => runEvidence(['--mandate', scenario.mandates.maraude, '--from', PERIOD.from], env))).code).toBe(2);
    expect((await run(() => runEvidence(['--mandate', scenario.mandates.maraude, '--case', scenario.caseId], env))).code).toBe(2);
    const unknown = await run(() => runEvidence(['--case', '00000000-0000-4000-8000-000000000000'], env));
    expect(unknown).toMatchObject({ code: 1, err: expect.stringContaining('✗ COMPLIANCE_CASE_NOT_FOUND') });
  });
});
