import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { verifyEvidenceBundle } from '@mandate-ledger/audit';
import { complianceCaseStreamName, utcDateOf } from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import { type ComplianceReportBundle, CSV_COLUMNS, type ObligationReport } from '@mandate-ledger/reports';
import { verifyComplianceReport } from '../../apps/cli/src/verify-report';
import { startApi, type TestApi } from '../support/api';
import { type AppSetup, describeWithPostgres, postgresAppSetup, sqliteAppSetup } from '../support/postgres';
import { type CalaisScenario, EXPECTED, EXPECTED_TOTAL_CENTS, PERIOD, recordCalaisScenario, WATER_TEXT } from './support/calais-scenario';
import { pdfText } from './support/pdf-text';

// The report over HTTP: the real app on SQLite in a temp folder, then on PostgreSQL (event store and
// read store in a schema of their own), the Calais-like case recorded through handleCommand and the
// deciders on the app's own store.

/** Keeps the body as the exact bytes served, whatever the format (superagent hands the raw response). */
const bytes = (response: unknown, callback: (error: Error | null, body: Buffer) => void) => {
  const raw = response as IncomingMessage;
  const chunks: Buffer[] = [];
  raw.on('data', (chunk: Buffer) => chunks.push(chunk));
  raw.on('end', () => callback(null, Buffer.concat(chunks)));
};

const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex');

/** RFC 4180 records (quoted fields with commas, doubled quotes and line breaks), for the test to read CSV back. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted || (c !== '"' && c !== ',' && !(c === '\r' && text[i + 1] === '\n'))) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    }
  }
  return rows;
};

const describeReport = (adapter: string, setup: () => Promise<AppSetup>) =>
  describe(`GET /compliance-cases/:id/report, ${adapter}`, () => {
    let api: TestApi;
    let store: EventStore;
    let scenario: CalaisScenario;
    const admin = () => api.bearer({ sub: 'admin-1', role: 'admin' });

    const report = (query: Record<string, string>, token = admin(), id = scenario.caseId) =>
      api.http.get(`/compliance-cases/${id}/report`).query(query).set('Authorization', token).buffer(true).parse(bytes);
    const json = async (query: Record<string, string>) => {
      const response = await report({ ...query, format: 'json' }).expect(200);
      return { response, bundle: JSON.parse((response.body as Buffer).toString('utf8')) as ComplianceReportBundle };
    };
    const obligation = (bundle: ComplianceReportBundle, id: string): ObligationReport =>
      bundle.attachments.complianceReport.obligations.find(({ obligationId }) => obligationId === id)!;
    const caseEvents = () => store.readStream(complianceCaseStreamName(scenario.caseId));

    let dispose: () => Promise<void>;

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

    it('serves the figures of every obligation in an evidence bundle that verifies offline and reproduces them', async () => {
      const { response, bundle } = await json({ ...PERIOD });
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');

      const content = bundle.attachments.complianceReport;
      expect(content.period).toEqual(PERIOD);
      for (const [id, figures] of Object.entries(EXPECTED)) expect(obligation(bundle, id)).toMatchObject(figures);
      expect(content.totals).toMatchObject({ penaltyExposureCents: EXPECTED_TOTAL_CENTS, liquidatedCents: 0 });
      expect(content.penalties.map(({ penaltyId, penaltyDays }) => [penaltyId, penaltyDays])).toEqual(
        Object.entries(EXPECTED).map(([id, e]) => [`obligation:${id}`, e.daysLate]),
      );
      for (const o of content.obligations) expect(Object.values(o.days).reduce((a, b) => a + b, 0)).toBe(189);
      expect(content.case.decisions.map(({ court, notifiedOn }) => [court, notifiedOn])).toEqual([
        ['Tribunal administratif de Lille', '2017-06-28'],
        ["Conseil d'État", null],
      ]);

      const proven = verifyEvidenceBundle(bundle, { trustedKey: (await api.http.get('/audit/public-key?format=vkey').expect(200)).text });
      expect(proven).toMatchObject({ ok: true, summary: { subject: { kind: 'compliance_case', id: scenario.caseId } } });
      expect(verifyComplianceReport(bundle)).toEqual({ ok: true, obligations: 5, mandates: 5, events: bundle.events.length });
      // Every event of the case and of the five mandates is cited with its position, stream and revision.
      const streams = new Set(bundle.events.map(({ envelope }) => envelope.stream));
      expect(streams.size).toBe(6);
      expect(bundle.subject.completeStreams).toHaveLength(6);
    });

    it('shows a suspension inside the period as a gap of the obligation and a suspended stretch of its mandate', async () => {
      const { bundle } = await json({ ...PERIOD });
      const maraude = obligation(bundle, 'art-2-maraude');
      expect(maraude.covered).toEqual([
        { from: '2017-07-27', to: '2017-10-01' },
        { from: '2017-10-09', to: '2017-12-31' },
      ]);
      expect(maraude.gaps).toEqual([
        { from: '2017-07-09', to: '2017-07-26' },
        { from: '2017-10-02', to: '2017-10-08' },
      ]);
      expect(maraude.countingRule).toBe(
        "délai de 10 jours à compter de la notification ; le jour de la notification ne compte pas ; l'astreinte court à compter du lendemain de l'échéance",
      );
      expect(maraude.measures).toEqual([
        {
          mandateId: scenario.mandates.maraude,
          effectiveFrom: '2017-07-27',
          inEffect: maraude.covered,
          suspended: [{ from: '2017-10-02', to: '2017-10-08' }],
        },
      ]);
      expect(maraude.indicators).toEqual([{
        name: 'minors_found', label: 'minors_found', unit: 'persons', kind: 'count', per: null,
        value: 143, target: 100, attainment: 1.43, reports: 1, lastReportEnd: '2017-08-31', extendsBeyondPeriod: false,
      }]);
    });

    it('merges overlapping mandates into one coverage, and counts a measure in effect before the notification as on time', async () => {
      const { bundle } = await json({ ...PERIOD });
      const water = obligation(bundle, 'art-3-eau');
      expect(water.covered).toEqual([{ from: '2017-08-01', to: '2017-12-31' }]);
      expect(water.gaps).toEqual([{ from: '2017-07-09', to: '2017-07-31' }]);
      expect(water.measures.map(({ inEffect }) => inEffect)).toEqual([[{ from: '2017-08-01', to: '2017-09-30' }], [{ from: '2017-09-15', to: '2017-12-31' }]]);
      const latrines = obligation(bundle, 'art-4-latrines');
      expect(latrines).toMatchObject({ notifiedOn: '2017-06-28', implementedOn: '2017-06-26', daysLate: 0, status: 'implemented' });
    });

    it('leaves out a retroactive suspension recorded after asKnownAt, and shows it when read as known now', async () => {
      const before = await json({ ...PERIOD, asKnownAt: scenario.beforeRetroactive });
      const positions = (bundle: ComplianceReportBundle) => bundle.events.map(({ envelope }) => BigInt(envelope.position));
      expect(before.bundle.attachments.complianceReport.asKnownAt).toBe(scenario.beforeRetroactive);
      expect(obligation(before.bundle, 'art-5-douches')).toMatchObject({
        covered: [{ from: '2017-09-08', to: '2017-12-31' }],
        gaps: [{ from: '2017-07-09', to: '2017-09-07' }],
        daysLate: 61,
      });
      expect(positions(before.bundle)).not.toEqual(expect.arrayContaining([scenario.retroactivePositions[0]]));
      expect(verifyComplianceReport(before.bundle)).toMatchObject({ ok: true });

      const now = await json({ ...PERIOD });
      expect(obligation(now.bundle, 'art-5-douches')).toMatchObject({
        covered: [
          { from: '2017-09-08', to: '2017-11-05' },
          { from: '2017-11-13', to: '2017-12-31' },
        ],
        gaps: [
          { from: '2017-07-09', to: '2017-09-07' },
          { from: '2017-11-06', to: '2017-11-12' },
        ],
        daysLate: 68,
      });
      expect(positions(now.bundle)).toEqual(expect.arrayContaining([...scenario.retroactivePositions]));
    });

    it('serves the figures as RFC 4180 CSV: a row per obligation, rows for its intervals, indicators and penalties, a total', async () => {
      const response = await report({ ...PERIOD, format: 'csv' }).expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
      const text = (response.body as Buffer).toString('utf8');
      expect(text).toContain(`"${WATER_TEXT.replaceAll('"', '""')}"`);
      const [header, ...rows] = parseCsv(text);
      expect(header).toEqual([...CSV_COLUMNS]);
      expect(rows.every((row) => row.length === CSV_COLUMNS.length)).toBe(true);
      const records = rows.map((row) => Object.fromEntries(header.map((column, i) => [column, row[i]])));
      const obligations = records.filter(({ row }) => row === 'obligation');
      expect(obligations.map((r) => [r.obligation_id, r.deadline, r.first_measure_in_effect_on, r.days_late, r.penalty_exposure_cents, r.status])).toEqual(
        Object.entries(EXPECTED).map(([id, e]) => [id, e.deadline, e.firstMeasureInEffectOn ?? '', String(e.daysLate), String(e.penaltyExposureCents), e.status]),
      );
      expect(records.find(({ obligation_id, row }) => obligation_id === 'art-3-eau' && row === 'obligation')?.text).toBe(WATER_TEXT);
      expect(records.filter(({ row }) => row === 'gap').map((r) => [r.obligation_id, r.from, r.to, r.days])).toEqual([
        ['art-2-maraude', '2017-07-09', '2017-07-26', '18'],
        ['art-2-maraude', '2017-10-02', '2017-10-08', '7'],
        ['art-3-eau', '2017-07-09', '2017-07-31', '23'],
        ['art-5-douches', '2017-07-09', '2017-09-07', '61'],
        ['art-5-douches', '2017-11-06', '2017-11-12', '7'],
        ['art-6-departs', '2017-07-09', '2017-12-31', '176'],
      ]);
      expect(records.filter(({ row }) => row === 'suspended').map((r) => [r.mandate_id, r.from, r.to])).toEqual([
        [scenario.mandates.maraude, '2017-10-02', '2017-10-08'],
        [scenario.mandates.showers, '2017-11-06', '2017-11-12'],
      ]);
      expect(records.find(({ row }) => row === 'indicator')).toMatchObject({
        obligation_id: 'art-2-maraude', indicator: 'minors_found', kind: 'count', value: '143', target: '100', attainment: '1.43', reports: '1',
      });
      expect(records.find(({ row }) => row === 'penalty')).toMatchObject({
        penalty_id: 'obligation:art-2-maraude', penalty_scope: 'obligation', penalty_starts_on: '2017-07-09', penalty_days: '25', penalty_exposure_cents: '250000',
      });
      expect(records.find(({ row }) => row === 'obligation')?.counting_rule).toContain('le jour de la notification ne compte pas');
      expect(records.find(({ row }) => row === 'total')).toMatchObject({ penalty_exposure_cents: String(EXPECTED_TOTAL_CENTS), case_id: scenario.caseId, period_from: '2017-06-26' });
      expect(records.filter(({ row }) => row === 'party').map((r) => [r.kind, r.label])).toEqual([
        ['applicant', "L'Auberge des migrants"], ['applicant', 'Utopia 56'], ['defendant', 'Préfet du Pas-de-Calais'], ['defendant', 'Commune de Calais'],
      ]);
      expect(records.find(({ row, obligation_id }) => row === 'obligation' && obligation_id === 'art-2-maraude')).toMatchObject({ communes: '62193', commune_names: 'Calais' });
      expect(records.filter(({ row }) => row === 'legal_reference').map((r) => r.reference)).toEqual(['CJA L.521-2', 'CJA L.911-3', 'CJA L.911-6', 'CJA L.911-7', 'CJA L.911-8']);
      expect(new Set(records.map((r) => r.marking))).toEqual(new Set(['PROJET']));
    });

    it('serves a PDF for the court whose text holds the case, each figure, the timeline legend and the signed checkpoint', async () => {
      const response = await report({ ...PERIOD, format: 'pdf' }).expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe('attachment; filename="rapport-execution_tribunal-administratif-de-lille_1705379_2017-06-26_2017-12-31_projet.pdf"');
      const pdf = response.body as Buffer;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(response.headers['x-report-sha256']).toBe(sha256(pdf));
      const { text: raw, pages } = await pdfText(pdf);
      // Long fields wrap: compared with every run of white space as one space.
      const text = raw.replace(/\s+/g, ' ');
      expect(pages).toBeGreaterThanOrEqual(3);
      for (const line of [
        'PROJET',
        'Destinataire',
        'Greffe — Tribunal administratif de Lille',
        'Juridiction : Tribunal administratif de Lille',
        "Requérants : L'Auberge des migrants ; Utopia 56",
        'Défendeurs : Préfet du Pas-de-Calais ; Commune de Calais',
        'maraude mineurs non accompagnés (62 : Calais (62193))',
        'CJA L.911-8',
        'Fait à',
        'Décision : n° 1705379 du 26/06/2017',
        'Notification : le 28/06/2017',
        "En appel : Conseil d'État, n° 412125, 412171 du 31/07/2017 : décision confirmée",
        'Période du rapport : du 26/06/2017 au 31/12/2017',
        'Total des astreintes encourues (montant maximal, avant liquidation) : 29 200,00 €',
        "Délai : délai de 10 jours à compter de la notification ; le jour de la notification ne compte pas ; l'astreinte court à compter du lendemain de l'échéance",
        "Nature : obligation continue : chaque jour non couvert après l'échéance est un jour d'inexécution",
        "Astreinte : 100,00 € par jour d'inexécution, propre à l'obligation, à compter du 09/07/2017",
        'Échéance : 08/07/2017',
        'Première mesure en vigueur : 27/07/2017',
        'Jours de retard : 25',
        'Astreinte encourue (montant maximal, avant liquidation) : 2 500,00 €',
        "Lacunes (jours d'inexécution) : du 09/07/2017 au 26/07/2017 (18 j) ; du 02/10/2017 au 08/10/2017 (7 j)",
        "Jours de la période : 13 pas encore dus, 151 couverts, 25 d'inexécution",
        'Jours de retard : 176',
        'Astreinte encourue (montant maximal, avant liquidation) : 17 600,00 €',
        'Statut : exécutée avec retard',
        'Statut : non commencée',
        'échéance 08/07/2017',
        'suspension',
        'minors_found',
        'cumul',
        '143 %',
        'npm run cli -- verify-bundle rapport.json',
      ]) {
        expect(text).toContain(line);
      }
      const checkpoint = (await api.http.get('/audit/checkpoint').set('Authorization', admin()).expect(200)).body;
      const vkey = (await api.http.get('/audit/public-key?format=vkey').expect(200)).text.trim();
      expect(text).toContain(vkey);
      expect(text).toContain(checkpoint.note.split('\n')[0]);
    });

    it('defaults the period to the opening decision through the date of asKnownAt, itself now', async () => {
      const before = Date.now();
      const { bundle } = await json({});
      const content = bundle.attachments.complianceReport;
      expect(Date.parse(content.asKnownAt)).toBeGreaterThanOrEqual(before);
      expect(content.period).toEqual({ from: '2017-06-26', to: utcDateOf(content.asKnownAt) });
      expect((bundle.attachments as { document?: { marking: string } }).document).toMatchObject({ marking: 'PROJET', status: 'draft' });
    });

    it('lets officers of the département read it, and refuses operators, officers elsewhere and strangers, appending nothing', async () => {
      const count = (await caseEvents()).length;
      await report(PERIOD, api.bearer({ sub: 'agent-62', role: 'officer', departements: ['62'] })).expect(200);
      const refusals = [
        [api.bearer({ sub: 'op-1', role: 'operator', operatorId: 'op-1' }), 403, 'ROLE_NOT_ALLOWED'],
        [api.bearer({ sub: 'agent-59', role: 'officer', departements: ['59'] }), 403, 'OUTSIDE_DEPARTEMENTS'],
      ] as const;
      for (const [token, status, code] of refusals) {
        const refused = await report(PERIOD, token).expect(status);
        expect(JSON.parse((refused.body as Buffer).toString('utf8'))).toMatchObject({ code });
      }
      await api.http.get(`/compliance-cases/${scenario.caseId}/report`).expect(401);
      expect(await caseEvents()).toHaveLength(count);
    });

    it('answers problems for an unknown case, a case not yet opened at asKnownAt, a bad format, a reversed or future period', async () => {
      const count = (await caseEvents()).length;
      const problem = async (query: Record<string, string>, status: number, id?: string) =>
        JSON.parse(((await report(query, admin(), id).expect(status)).body as Buffer).toString('utf8'));
      expect(await problem({}, 404, '00000000-0000-4000-8000-000000000000')).toMatchObject({ code: 'COMPLIANCE_CASE_NOT_FOUND' });
      expect(await problem({ asKnownAt: '2017-01-01T00:00:00Z' }, 404)).toMatchObject({ code: 'COMPLIANCE_CASE_NOT_FOUND' });
      expect(await problem({ format: 'xml' }, 400)).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'format' }] });
      expect(await problem({ from: '2017-12-31', to: '2017-06-26' }, 422)).toMatchObject({ code: 'INVALID_PERIOD' });
      expect(await problem({ to: '2999-01-01' }, 422)).toMatchObject({ code: 'DATE_IN_FUTURE' });
      expect(await problem({ asKnownAt: '2999-01-01T00:00:00Z' }, 422)).toMatchObject({ code: 'DATE_IN_FUTURE' });
      expect(await problem({}, 400, 'not-a-uuid')).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await caseEvents()).toHaveLength(count);
    });
  });

describeReport('SQLite, the embedded default', sqliteAppSetup);

describeWithPostgres('the compliance report on PostgreSQL', () => {
  describeReport('PostgreSQL event store and read store', postgresAppSetup);
});
