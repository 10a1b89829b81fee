import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { complianceCaseStreamName, complianceReportStreamName } from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import { type ComplianceReportBundle, type ReportDocument } from '@mandate-ledger/reports';
import { verifyComplianceReport } from '../../apps/cli/src/verify-report';
import { startApi, type TestApi } from '../support/api';
import { type AppSetup, describeWithPostgres, postgresAppSetup, sqliteAppSetup } from '../support/postgres';
import { type CalaisScenario, PERIOD, recordCalaisScenario } from './support/calais-scenario';
import { recordLargeCase } from './support/large-case';
import { pdfText } from './support/pdf-text';

// Preview and issue over real HTTP: a preview (PROJET) appends nothing and runs in parallel; issuing
// records ComplianceReportIssued on the report's own stream and keeps the bytes, served again as
// they were; the PDF read back gives the JSON's figures.

const bytes = (response: unknown, callback: (error: Error | null, body: Buffer) => void) => {
  const raw = response as IncomingMessage;
  const chunks: Buffer[] = [];
  raw.on('data', (chunk: Buffer) => chunks.push(chunk));
  raw.on('end', () => callback(null, Buffer.concat(chunks)));
};
const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex');
const SIGNATORY = { place: 'Arras', name: 'Claire Martin', quality: 'Directrice de cabinet du préfet du Pas-de-Calais' };

/** `1 300,00 €` as the PDF writes money. */
const euros = (cents: number) => `${String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${String(cents % 100).padStart(2, '0')} €`;
const frDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

const describeIssue = (adapter: string, setup: () => Promise<AppSetup>) =>
  describe(`preview and issue of a compliance report, ${adapter}`, () => {
    let api: TestApi;
    let store: EventStore;
    let scenario: CalaisScenario;
    let dispose: () => Promise<void>;
    const admin = () => api.bearer({ sub: 'admin-1', role: 'admin' });
    const auditor = () => api.bearer({ sub: 'auditor-1', role: 'auditor' });
    const officer62 = () => api.bearer({ sub: 'agent-62', role: 'officer', departements: ['62'] });
    const officer59 = () => api.bearer({ sub: 'agent-59', role: 'officer', departements: ['59'] });
    const operator = () => api.bearer({ sub: 'op-1', role: 'operator', operatorId: 'op-1' });

    const preview = (query: Record<string, string>, token = admin()) =>
      api.http.get(`/compliance-cases/${scenario.caseId}/report`).query(query).set('Authorization', token).buffer(true).parse(bytes);
    const issue = (body: object, token = admin()) => api.http.post(`/compliance-cases/${scenario.caseId}/reports`).set('Authorization', token).send(body);
    const fetchIssued = (reportId: string, token = admin(), caseId = scenario.caseId) =>
      api.http.get(`/compliance-cases/${caseId}/reports/${reportId}`).set('Authorization', token).buffer(true).parse(bytes);
    const caseEvents = () => store.readStream(complianceCaseStreamName(scenario.caseId));
    // PostgreSQL's global read holds back what a transaction still open might precede: read until it stops growing.
    const settledLog = async () => {
      for (let log = await store.readAll(); ; ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const again = await store.readAll();
        if (again.length === log.length) return again;
        log = again;
      }
    };

    beforeAll(async () => {
      const prepared = await setup();
      dispose = prepared.dispose;
      api = await startApi(prepared.env);
      store = api.app.get(EVENT_STORE);
      scenario = await recordCalaisScenario(store);
    });
    afterAll(async () => {
      await api?.close();
      await dispose?.();
    });

    it('previews in parallel: six auditors at once all get 200, marked PROJET, and nothing is appended', async () => {
      const before = await settledLog();
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => preview({ ...PERIOD, format: (['pdf', 'json', 'csv'] as const)[i % 3] }, auditor())));
      expect(answers.map(({ status }) => status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(answers.map(({ headers }) => headers['x-report-status'])).toEqual(Array(6).fill('draft'));
      expect((await pdfText(answers[0].body as Buffer)).text).toContain('PROJET');
      expect((JSON.parse((answers[1].body as Buffer).toString('utf8')) as ComplianceReportBundle).attachments.document).toMatchObject({ marking: 'PROJET', reportId: null });
      expect((answers[2].body as Buffer).toString('utf8').split('\r\n')[1].split(',')[4]).toBe('PROJET');
      expect(await settledLog()).toHaveLength(before.length);
    });

    it('issues a PDF: 201 with its id, ComplianceReportIssued on its own stream, and the same bytes fetched again', async () => {
      const caseRevision = (await caseEvents()).length;
      const issued = await issue({ ...PERIOD, format: 'pdf', signatory: SIGNATORY }, auditor()).expect(201);
      const { id, reportSha256, location } = issued.body as { id: string; reportSha256: string; location: string };
      expect(location).toBe(`/compliance-cases/${scenario.caseId}/reports/${id}`);
      expect(issued.headers.location).toBe(location);
      const [event] = await store.readStream(complianceReportStreamName(id));
      expect(event).toMatchObject({
        type: 'ComplianceReportIssued',
        schemaVersion: 2,
        position: BigInt(issued.body.position),
        data: { reportId: id, complianceCaseId: scenario.caseId, reportSha256, period: PERIOD, format: 'pdf', csvDialect: null, signatory: SIGNATORY, issuedBy: 'auditor-1' },
        metadata: { actor: { sub: 'auditor-1', role: 'auditor' } },
      });
      expect(await caseEvents()).toHaveLength(caseRevision);

      for (const token of [admin(), auditor(), officer62()]) {
        const again = await fetchIssued(id, token).expect(200);
        expect(sha256(again.body as Buffer)).toBe(reportSha256);
        expect(again.headers).toMatchObject({ 'x-report-sha256': reportSha256, 'x-report-status': 'issued', 'content-type': 'application/pdf' });
        expect(again.headers['content-disposition']).toBe('attachment; filename="rapport-execution_tribunal-administratif-de-lille_1705379_2017-06-26_2017-12-31.pdf"');
      }
      const text = (await pdfText((await fetchIssued(id).expect(200)).body as Buffer)).text.replace(/\s+/g, ' ');
      expect(text).not.toContain('PROJET');
      for (const line of ['Rapport émis', `n° ${id}`, 'Fait à Arras, le', 'Claire Martin', 'Directrice de cabinet du préfet du Pas-de-Calais', `compliance_report-${id}`]) expect(text).toContain(line);
    });

    it('issues while the case is written to: neither the issuance nor the write fails', async () => {
      const evidence = { sha256: 'e'.repeat(64), title: 'Procès-verbal de constat', documentDate: '2017-09-01' };
      const [issued, written] = await Promise.all([
        issue({ ...PERIOD, format: 'json' }),
        api.http.post(`/compliance-cases/${scenario.caseId}/evidence`).set('Authorization', admin()).send(evidence),
      ]);
      expect([issued.status, written.status]).toEqual([201, 201]);
    });

    it('issues a JSON bundle whose figures verify offline, and whose PDF twin reads back the same figures', async () => {
      const json = await issue({ ...PERIOD, asKnownAt: scenario.beforeRetroactive, format: 'json' }).expect(201);
      const bundle = JSON.parse(((await fetchIssued(json.body.id).expect(200)).body as Buffer).toString('utf8')) as ComplianceReportBundle & {
        attachments: { document: ReportDocument };
      };
      expect(bundle.attachments.document).toMatchObject({ status: 'issued', marking: null, reportId: json.body.id, addressee: 'Greffe — Tribunal administratif de Lille', communes: { '62193': 'Calais' } });
      expect(verifyComplianceReport(bundle)).toMatchObject({ ok: true, obligations: 5 });

      const pdf = await issue({ ...PERIOD, asKnownAt: scenario.beforeRetroactive, format: 'pdf' }).expect(201);
      const text = (await pdfText((await fetchIssued(pdf.body.id).expect(200)).body as Buffer)).text.replace(/\s+/g, ' ');
      const report = bundle.attachments.complianceReport;
      expect(text).toContain(`Total des astreintes encourues (montant maximal, avant liquidation) : ${euros(report.totals.penaltyExposureCents)}`);
      for (const o of report.obligations) {
        expect(text).toContain(`Échéance : ${frDate(o.deadline!)}`);
        expect(text).toContain(`Jours de retard : ${o.daysLate}`);
        expect(text).toContain(`Astreinte encourue (montant maximal, avant liquidation) : ${euros(o.penaltyExposureCents!)}`);
        const gaps = o.gaps.map((g) => `du ${frDate(g.from)} au ${frDate(g.to)} (${(Date.parse(g.to) - Date.parse(g.from)) / 86_400_000 + 1} j)`).join(' ; ');
        expect(text).toContain(`Lacunes (jours d'inexécution) : ${gaps || 'aucune'}`);
      }
    });

    it('embeds its fonts: no standard PDF font, every font a TrueType file inside', async () => {
      const pdf = (await preview({ ...PERIOD, format: 'pdf' }).expect(200)).body as Buffer;
      const raw = pdf.toString('latin1');
      expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Courier|Times)/);
      expect(raw.match(/\/FontFile2/g)?.length).toBe(4);
      expect(raw).toContain('DejaVuSans');
    });

    it('serves CSV as RFC 4180 by default, and for French spreadsheet software with csv=excel-fr', async () => {
      const rfc = (await preview({ ...PERIOD, format: 'csv' }).expect(200)).body as Buffer;
      expect(rfc.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
      expect(rfc.toString('utf8').split('\r\n')[0]).toMatch(/^case_id,period_from,period_to,as_known_at,marking,report_id,row,/);

      const excel = await issue({ ...PERIOD, format: 'csv', csv: 'excel-fr' }).expect(201);
      const file = (await fetchIssued(excel.body.id).expect(200)).body as Buffer;
      expect(sha256(file)).toBe(excel.body.reportSha256);
      expect(file.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
      const lines = file.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toMatch(/^case_id;period_from;period_to;as_known_at;marking;report_id;row;/);
      const header = lines[0].split(';');
      const indicator = lines.slice(1).find((line) => line.includes(';indicator;'))!.split(';');
      expect(indicator[header.indexOf('attainment')]).toBe('1,43');
      expect(indicator[header.indexOf('marking')]).toBe('');
      expect(indicator[header.indexOf('report_id')]).toBe(excel.body.id);
      const [event] = await store.readStream(complianceReportStreamName(excel.body.id));
      expect(event.data).toMatchObject({ format: 'csv', csvDialect: 'excel-fr' });
      expect((await preview({ ...PERIOD, format: 'csv', csv: 'tsv' }).expect(400)).body.toString()).toContain('csv');
    });

    it('refuses operators everywhere and officers outside the case’s départements, issuing nothing', async () => {
      const issued = await issue({ ...PERIOD, format: 'csv' }).expect(201);
      const before = await settledLog();
      const code = (response: { body: unknown }) => JSON.parse(Buffer.isBuffer(response.body) ? response.body.toString('utf8') : JSON.stringify(response.body)).code;
      expect(code(await preview(PERIOD, operator()).expect(403))).toBe('ROLE_NOT_ALLOWED');
      expect(code(await issue(PERIOD, operator()).expect(403))).toBe('ROLE_NOT_ALLOWED');
      expect(code(await fetchIssued(issued.body.id, operator()).expect(403))).toBe('ROLE_NOT_ALLOWED');
      expect(code(await preview(PERIOD, officer59()).expect(403))).toBe('OUTSIDE_DEPARTEMENTS');
      expect(code(await issue(PERIOD, officer59()).expect(403))).toBe('OUTSIDE_DEPARTEMENTS');
      expect(code(await fetchIssued(issued.body.id, officer59()).expect(403))).toBe('OUTSIDE_DEPARTEMENTS');
      expect(await settledLog()).toHaveLength(before.length);
      await issue(PERIOD, officer62()).expect(201);
    });

    it('answers 404 for a report never issued or of another case, and replays an Idempotency-Key', async () => {
      await fetchIssued('00000000-0000-4000-8000-000000000000').expect(404);
      const first = await issue({ ...PERIOD, format: 'pdf' }).set('Idempotency-Key', 'issue-once').expect(201);
      const again = await issue({ ...PERIOD, format: 'pdf' }).set('Idempotency-Key', 'issue-once').expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toMatchObject({ id: first.body.id, reportSha256: first.body.reportSha256 });
      const other = await recordCalaisScenario(store);
      await fetchIssued(first.body.id, admin(), other.caseId).expect(404);
    });
  });

describeIssue('SQLite, the embedded default', sqliteAppSetup);

describeWithPostgres('preview and issue on PostgreSQL', () => {
  describeIssue('PostgreSQL event store and read store', postgresAppSetup);
});

describe('a large report renders on the report thread', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.close());

  it('keeps /health answering within 500 ms while a PDF of 4,000 events renders', async () => {
    const caseId = await recordLargeCase(api.app.get(EVENT_STORE), { obligations: 40, eventsPerMandate: 100 });
    const admin = api.bearer({ sub: 'admin-1', role: 'admin' });
    // The first report starts the thread: it is not what this test measures.
    await api.http.get(`/compliance-cases/${caseId}/report`).query({ from: '2017-06-26', to: '2017-07-01' }).set('Authorization', admin).expect(200);
    let rendering = true;
    const waits: number[] = [];
    const report = api.http
      .get(`/compliance-cases/${caseId}/report`)
      .query({ from: '2017-06-26', to: '2019-12-31', format: 'pdf' })
      .set('Authorization', admin)
      .buffer(true)
      .parse(bytes)
      .then((response) => {
        rendering = false;
        return response;
      });
    while (rendering) {
      const started = performance.now();
      await api.http.get('/health').expect(200);
      waits.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const served = await report;
    expect(served.status).toBe(200);
    expect((served.body as Buffer).length).toBeGreaterThan(200_000);
    expect(waits.length).toBeGreaterThan(5);
    expect(Math.max(...waits)).toBeLessThan(500);
  }, 120_000);
});
