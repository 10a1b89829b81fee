import PDFDocument from 'pdfkit';
import { DAY_STANDINGS, daysBetween, daysIn, type DateInterval, type PenaltyExposure } from '@mandate-ledger/domain';
import type { ComplianceReportBundle } from './compliance-report.builder';
import type { ComplianceReportContent, MandateSummary, ObligationReport } from './compliance-report.content';
import { fontBytes, REPORT_FONTS } from './report-fonts';
import type { ReportDocument } from './report-document';
import {
  DAY_STANDING_LABELS,
  euros,
  frDate,
  frInstant,
  frNumber,
  indicatorKindLabel,
  MISSION_LABELS,
  PENALTY_SCOPE_LABELS,
  percent,
  PROCEDURE_LABELS,
  REVIEW_KIND_LABELS,
  STATUS_LABELS,
} from './report-labels';

type Doc = PDFKit.PDFDocument;

/** Names the fonts are registered under in each document. */
const F = { regular: 'Sans', bold: 'Sans-Bold', italic: 'Sans-Italic', mono: 'Mono' } as const;

const registerFonts = (doc: Doc): void => {
  doc.registerFont(F.regular, fontBytes(REPORT_FONTS.regular.file));
  doc.registerFont(F.bold, fontBytes(REPORT_FONTS.bold.file));
  doc.registerFont(F.italic, fontBytes(REPORT_FONTS.italic.file));
  doc.registerFont(F.mono, fontBytes(REPORT_FONTS.mono.file));
};

const MARGIN = 50;
const COLORS = { inEffect: '#3b6ea5', suspended: '#e08a1e', covered: '#2e8b57', gap: '#c0392b', deadline: '#c0392b', grid: '#b0b0b0', text: '#000000', muted: '#555555' };

const usableWidth = (doc: Doc) => doc.page.width - MARGIN * 2;

/** Starts a new page unless `height` points still fit above the bottom margin. */
const ensureRoom = (doc: Doc, height: number): void => {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
};

const heading = (doc: Doc, text: string, size = 13): void => {
  ensureRoom(doc, size * 4);
  doc.moveDown(0.6).font(F.bold).fontSize(size).fillColor(COLORS.text).text((text), MARGIN, doc.y).moveDown(0.3);
  doc.font(F.regular).fontSize(10);
};

/** `Label : value` on one line, so that the text reads back as one line too. */
const field = (doc: Doc, label: string, value: string): void => {
  doc.font(F.regular).fontSize(10).fillColor(COLORS.text).text((`${label} : ${value}`), MARGIN, doc.y, { width: usableWidth(doc) });
};

const intervals = (list: readonly DateInterval[]): string =>
  list.length === 0 ? 'aucune' : list.map((i) => `du ${frDate(i.from)} au ${frDate(i.to)} (${daysIn(i)} j)`).join(' ; ');

const mandateLabel = (mandates: ReadonlyMap<string, MandateSummary>, mandateId: string): string => {
  const mandate = mandates.get(mandateId);
  if (mandate === undefined) return mandateId.slice(0, 8);
  return mandate.operatorName === null ? mandate.instrument.reference : `${mandate.instrument.reference} (${mandate.operatorName})`;
};

/**
 * A simple table: each row is one line of cells at fixed widths (fractions of the usable width);
 * `fonts` names a column's font (Courier for hashes), Helvetica otherwise.
 */
const table = (
  doc: Doc,
  widths: readonly number[],
  header: readonly string[],
  rows: readonly (readonly string[])[],
  size = 8.5,
  fonts: readonly (string | undefined)[] = [],
): void => {
  const total = usableWidth(doc);
  const xs = widths.reduce<number[]>((acc, _w, i) => [...acc, i === 0 ? MARGIN : acc[i - 1] + widths[i - 1] * total], []);
  const line = (cells: readonly string[], bold: boolean) => {
    const fontOf = (i: number) => (bold ? F.bold : (fonts[i] ?? F.regular));
    const height = Math.max(...cells.map((cell, i) => doc.font(fontOf(i)).fontSize(size).heightOfString((cell), { width: widths[i] * total - 3 })));
    ensureRoom(doc, height + 2);
    const y = doc.y;
    cells.forEach((cell, i) => doc.font(fontOf(i)).fontSize(size).text((cell), xs[i], y, { width: widths[i] * total - 3 }));
    doc.x = MARGIN;
    doc.y = y + height + 2;
  };
  line(header, true);
  doc.moveTo(MARGIN, doc.y - 1).lineTo(MARGIN + total, doc.y - 1).lineWidth(0.5).strokeColor(COLORS.grid).stroke();
  for (const row of rows) line(row, false);
  doc.moveDown(0.5);
};

/**
 * The coverage timeline of one obligation over the period: a bar row per linked mandate (in effect,
 * suspended), a row of the obligation's coverage (covered, gaps), the notification and the deadline.
 */
const timeline = (doc: Doc, report: ComplianceReportContent, o: ObligationReport, mandates: ReadonlyMap<string, MandateSummary>): void => {
  const rowHeight = 16;
  const labelWidth = 150;
  const rows = o.measures.length + 1;
  const chartHeight = 30 + rows * rowHeight + 22;
  ensureRoom(doc, chartHeight + 30);
  const top = doc.y + 18;
  const x0 = MARGIN + labelWidth;
  const width = usableWidth(doc) - labelWidth;
  const days = daysIn(report.period);
  const xOf = (date: string) => x0 + (Math.min(Math.max(daysBetween(report.period.from, date), 0), days) / days) * width;
  const bar = (interval: DateInterval, y: number, color: string, height = rowHeight - 6) => {
    const from = xOf(interval.from);
    const to = xOf(nextDay(interval.to));
    doc.rect(from, y, Math.max(to - from, 0.8), height).fillColor(color).fill();
  };
  const rowsTop = top + 12;
  const bottom = rowsTop + rows * rowHeight;

  // Month ticks, at most about twelve labels.
  const months = monthStarts(report.period);
  const step = Math.max(1, Math.ceil(months.length / 12));
  doc.lineWidth(0.3).strokeColor(COLORS.grid);
  months.forEach((month, i) => {
    const x = xOf(month);
    doc.moveTo(x, rowsTop).lineTo(x, bottom).stroke();
    if (i % step === 0) doc.font(F.regular).fontSize(6.5).fillColor(COLORS.muted).text(`${month.slice(5, 7)}/${month.slice(2, 4)}`, x + 1, bottom + 2, { lineBreak: false });
  });
  doc.rect(x0, rowsTop, width, rows * rowHeight).lineWidth(0.5).strokeColor(COLORS.grid).stroke();

  o.measures.forEach((measure, i) => {
    const y = rowsTop + i * rowHeight + 3;
    doc.font(F.regular).fontSize(7.5).fillColor(COLORS.text);
    doc.text(fitted(doc, mandateLabel(mandates, measure.mandateId), labelWidth - 6), MARGIN, y + 1, { lineBreak: false });
    for (const interval of measure.inEffect) bar(interval, y, COLORS.inEffect);
    for (const interval of measure.suspended) bar(interval, y, COLORS.suspended);
  });
  const coverageY = rowsTop + o.measures.length * rowHeight + 3;
  doc.font(F.bold).fontSize(7.5).fillColor(COLORS.text).text('Couverture', MARGIN, coverageY + 1, { lineBreak: false });
  for (const interval of o.covered) bar(interval, coverageY, COLORS.covered);
  for (const interval of o.gaps) bar(interval, coverageY, COLORS.gap);

  // Labels on two lines: the notification and the deadline are often days apart.
  const marker = (date: string | null, color: string, label: string, dashed: boolean, labelY: number) => {
    if (date === null || date < report.period.from || date > report.period.to) return;
    const x = xOf(date);
    doc.save().lineWidth(1).strokeColor(color);
    if (dashed) doc.dash(3, { space: 2 });
    doc.moveTo(x, labelY + 2).lineTo(x, bottom).stroke().undash().restore();
    doc.font(F.regular).fontSize(6.5).fillColor(color).text((label), Math.min(x + 2, x0 + width - 70), labelY, { lineBreak: false });
  };
  marker(o.notifiedOn, COLORS.muted, `notification ${frDate(o.notifiedOn)}`, true, top - 9);
  marker(o.deadline, COLORS.deadline, `échéance ${frDate(o.deadline)}`, false, top);

  // Legend.
  const legendY = bottom + 14;
  let x = MARGIN;
  for (const [color, label] of [
    [COLORS.inEffect, 'mandat en vigueur'],
    [COLORS.suspended, 'suspension'],
    [COLORS.covered, 'obligation couverte'],
    [COLORS.gap, 'lacune'],
    [COLORS.deadline, 'échéance'],
  ] as const) {
    if (label === 'échéance') doc.rect(x + 3, legendY, 1.2, 9).fillColor(color).fill();
    else doc.rect(x, legendY + 1, 7, 7).fillColor(color).fill();
    doc.font(F.regular).fontSize(7).fillColor(COLORS.text).text((label), x + 10, legendY, { lineBreak: false });
    x += 20 + doc.widthOfString((label));
  }
  doc.x = MARGIN;
  doc.y = legendY + 14;
};

/** `text` cut to fit `width` at the current font and size, with an ellipsis when cut: a label on one line. */
const fitted = (doc: Doc, text: string, width: number): string => {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
};

const nextDay = (date: string): string => {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
};

const monthStarts = ({ from, to }: DateInterval): string[] => {
  const starts: string[] = [];
  const cursor = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  for (;;) {
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
    const month = cursor.toISOString().slice(0, 10);
    if (month > to) return starts;
    starts.push(month);
  }
};

/** Who the document is for, and whether it is a draft or the issued report, above the title. */
const masthead = (doc: Doc, document: ReportDocument): void => {
  const width = usableWidth(doc);
  if (document.marking !== null) {
    doc.font(F.bold).fontSize(11).fillColor(COLORS.gap).text(`${document.marking} — aperçu non émis, enregistré nulle part`, MARGIN, MARGIN, { width: width / 2 });
  } else {
    doc.font(F.bold).fontSize(9).fillColor(COLORS.text).text('Rapport émis', MARGIN, MARGIN, { width: width / 2 });
    doc.font(F.regular).fontSize(8).text(`n° ${document.reportId}`, { width: width / 2 });
    doc.fillColor(COLORS.muted).text(`le ${frInstant(document.issuedAt!)} par ${document.issuedBy}`, { width: width / 2 });
  }
  doc.font(F.bold).fontSize(9).fillColor(COLORS.text).text('Destinataire', MARGIN + width / 2, MARGIN, { width: width / 2, align: 'right' });
  doc.font(F.regular).fontSize(9.5).text(document.addressee, { width: width / 2, align: 'right' });
  doc.x = MARGIN;
  doc.y = MARGIN + 40;
};

const caseSection = (doc: Doc, bundle: ComplianceReportBundle, document: ReportDocument): void => {
  const report = bundle.attachments.complianceReport;
  const [opening, ...appeals] = report.case.decisions;
  masthead(doc, document);
  doc.font(F.bold).fontSize(18).fillColor(COLORS.text).text(document.title, MARGIN, doc.y);
  doc.font(F.regular).fontSize(10).fillColor(COLORS.muted).text(`Dossier ${report.complianceCaseId}`).fillColor(COLORS.text).moveDown(0.8);
  field(doc, 'Juridiction', opening.court);
  field(doc, 'Décision', `n° ${opening.caseNumbers.join(', ')} du ${frDate(opening.decisionDate)}`);
  field(doc, 'Procédure', PROCEDURE_LABELS[report.case.procedure]);
  field(doc, 'Requérants', report.case.parties.applicants.length === 0 ? 'non enregistrés' : report.case.parties.applicants.join(' ; '));
  field(doc, 'Défendeurs', report.case.parties.defendants.length === 0 ? 'non enregistrés' : report.case.parties.defendants.join(' ; '));
  field(doc, 'Notification', opening.notifiedOn === null ? 'non enregistrée' : `le ${frDate(opening.notifiedOn)} (les délais courent de cette date)`);
  for (const appeal of appeals) {
    const outcome = appeal.outcome === 'upheld' ? 'confirmée' : 'modifiée';
    field(doc, 'En appel', `${appeal.court}, n° ${appeal.caseNumbers.join(', ')} du ${frDate(appeal.decisionDate)} : décision ${outcome}`);
  }
  field(doc, 'État du dossier', report.case.status === 'closed' ? `clos le ${frDate(report.case.closedOn)} (${report.case.closureReason})` : 'ouvert');
  field(doc, 'Période du rapport', `du ${frDate(report.period.from)} au ${frDate(report.period.to)} (dates d'effet)`);
  field(doc, 'Dossier tel que connu le', frInstant(report.asKnownAt));
  field(doc, 'Rapport établi le', frInstant(bundle.createdAt));

  heading(doc, 'Synthèse');
  table(
    doc,
    [0.12, 0.28, 0.2, 0.12, 0.1, 0.18],
    ['Article', 'Mission', 'Statut', 'Échéance', 'Retard (j)', 'Astreinte encourue'],
    report.obligations.map((o) => [o.article, MISSION_LABELS[o.missionType], STATUS_LABELS[o.status], frDate(o.deadline), String(o.daysLate), exposureOf(o)]),
  );
  field(doc, 'Total des astreintes encourues (montant maximal, avant liquidation)', euros(report.totals.penaltyExposureCents));
  if (report.totals.liquidatedCents > 0)
    field(doc, 'Total liquidé par le juge', `${euros(report.totals.liquidatedCents)}, dont ${euros(report.totals.stateShareCents)} au budget de l'État`);
  penaltiesSection(doc, report.penalties);
  if (report.case.reviews.length > 0) {
    heading(doc, 'Consultations et bilans demandés', 11);
    table(
      doc,
      [0.2, 0.16, 0.14, 0.5],
      ['Demande', 'Décision', 'Échéance', 'Objet'],
      report.case.reviews.map((r) => [REVIEW_KIND_LABELS[r.kind], `n° ${r.decision} du ${frDate(r.requestedOn)}`, frDate(r.dueOn), r.subject]),
      7.5,
    );
  }
  if (report.case.evidence.length > 0) {
    heading(doc, 'Pièces versées (empreintes SHA-256)', 11);
    table(doc, [0.5, 0.14, 0.36], ['Titre', 'Date', 'SHA-256'], report.case.evidence.map((e) => [e.title, frDate(e.documentDate), e.sha256]), 7);
  }
};

/** An obligation's own penalty in euros, or which shared penalty it runs under. */
const exposureOf = (o: ObligationReport): string =>
  o.penaltyExposureCents !== null ? euros(o.penaltyExposureCents) : `voir l'astreinte ${PENALTY_SCOPE_LABELS[o.penaltyScope]}`;

const penaltyLabel = (p: PenaltyExposure): string =>
  p.scope === 'obligation' ? `obligation ${p.obligationIds[0]}` : p.scope === 'article' ? `${p.article} de la décision n° ${p.decision}` : `décision n° ${p.decision}`;

const penaltiesSection = (doc: Doc, penalties: readonly PenaltyExposure[]): void => {
  if (penalties.length === 0) return;
  heading(doc, 'Astreintes', 11);
  table(
    doc,
    [0.28, 0.12, 0.12, 0.08, 0.22, 0.18],
    ['Astreinte', 'Par jour', 'À compter du', 'Jours', 'Encourue (montant maximal, avant liquidation)', 'Liquidée'],
    penalties.map((p) => [penaltyLabel(p), euros(p.perDayCents), frDate(p.startsOn), String(p.penaltyDays), euros(p.incurredCents), euros(p.liquidatedCents)]),
    7.5,
  );
  for (const p of penalties)
    for (const l of p.liquidations)
      field(
        doc,
        `Liquidation (${penaltyLabel(p)})`,
        `${l.decisionReference} du ${frDate(l.liquidatedOn)}, du ${frDate(l.period.from)} au ${frDate(l.period.to)} : ${euros(l.amountCents)}, ` +
          `dont ${euros(l.stateShareCents)} au budget de l'État${l.moderation === undefined ? '' : ` ; modération : ${l.moderation}`}`,
      );
};

/** `Calais (62193)`: the commune's name from the administrative map, with its INSEE code. */
const communeOf = (document: ReportDocument, code: string): string => (document.communes[code] === undefined ? code : `${document.communes[code]} (${code})`);

const obligationSection = (
  doc: Doc,
  report: ComplianceReportContent,
  document: ReportDocument,
  o: ObligationReport,
  mandates: ReadonlyMap<string, MandateSummary>,
): void => {
  const sites = (o.territory.sites ?? []).map(({ name, commune }) => (commune === undefined ? name : `${name}, ${communeOf(document, commune)}`));
  const where = [...(o.territory.communes.length > 0 ? [o.territory.communes.map((code) => communeOf(document, code)).join(', ')] : []), ...sites].join(' ; ');
  heading(doc, `${o.article} — ${MISSION_LABELS[o.missionType]} (${o.territory.departement}${where === '' ? '' : ` : ${where}`})`);
  doc.font(F.italic).fontSize(9.5).text((`« ${o.text} »`), MARGIN, doc.y, { width: usableWidth(doc) }).moveDown(0.3);
  field(doc, 'Ordonnée par', `la décision n° ${o.decision} du ${frDate(o.orderedOn)}`);
  field(doc, 'Destinataires', o.addressees.map((a) => a.name ?? a.kind).join(', '));
  field(doc, 'Délai', o.countingRule);
  field(doc, 'Nature', o.oneOff ? "obligation ponctuelle : une fois exécutée, plus aucun jour d'inexécution" : "obligation continue : chaque jour non couvert après l'échéance est un jour d'inexécution");
  field(
    doc,
    'Astreinte',
    o.penaltyPerDayCents === 0 ? 'aucune' : `${euros(o.penaltyPerDayCents)} par jour d'inexécution, ${PENALTY_SCOPE_LABELS[o.penaltyScope]}, à compter du ${frDate(o.penaltyStartsOn)}`,
  );
  field(doc, 'Statut', STATUS_LABELS[o.status]);
  field(doc, 'Notifiée le', frDate(o.notifiedOn));
  field(doc, 'Échéance', frDate(o.deadline));
  field(doc, 'Première mesure en vigueur', frDate(o.firstMeasureInEffectOn));
  field(doc, 'Constatée exécutée le', frDate(o.satisfiedOn));
  field(doc, 'Exécutée le', frDate(o.implementedOn));
  field(doc, 'Jours de retard', String(o.daysLate));
  field(doc, "Jours d'astreinte", String(o.penaltyDays));
  field(doc, 'Astreinte encourue (montant maximal, avant liquidation)', exposureOf(o));
  field(
    doc,
    'Jours de la période',
    DAY_STANDINGS.filter((standing) => o.days[standing] > 0).map((standing) => `${o.days[standing]} ${DAY_STANDING_LABELS[standing]}`).join(', '),
  );
  field(doc, 'Couverte au dernier jour de la période', o.coveredAtEnd ? 'oui' : 'non');
  if (o.supersededOn !== null) field(doc, 'Remplacée le', frDate(o.supersededOn));
  timeline(doc, report, o, mandates);
  field(doc, 'Périodes couvertes', intervals(o.covered));
  field(doc, "Lacunes (jours d'inexécution)", intervals(o.gaps));
  for (const measure of o.measures) {
    const suspended = measure.suspended.length === 0 ? '' : ` ; suspendu ${intervals(measure.suspended)}`;
    field(doc, `Mesure ${mandateLabel(mandates, measure.mandateId)}`, `liée à compter du ${frDate(measure.effectiveFrom)} ; en vigueur ${intervals(measure.inEffect)}${suspended}`);
  }
  if (o.indicators.length > 0) {
    doc.moveDown(0.3);
    table(
      doc,
      [0.25, 0.13, 0.17, 0.12, 0.1, 0.1, 0.13],
      ['Indicateur', 'Unité', 'Nature', 'Valeur', 'Cible', 'Atteinte', 'Comptes rendus'],
      o.indicators.map((i) => [
        i.label === i.name ? i.name : `${i.label} (${i.name})`,
        i.unit,
        indicatorKindLabel(i.kind, i.per),
        frNumber(i.value),
        frNumber(i.target),
        percent(i.attainment),
        `${i.reports}${i.extendsBeyondPeriod ? ' (dont au-delà de la période)' : ''}`,
      ]),
    );
  }
};

const mandatesSection = (doc: Doc, report: ComplianceReportContent, document: ReportDocument): void => {
  if (report.mandates.length === 0) return;
  heading(doc, 'Mandats liés aux obligations');
  const territory = (m: MandateSummary) =>
    [
      m.territory.communes.length === 0 ? `département ${m.territory.departement}` : m.territory.communes.map((code) => communeOf(document, code)).join(', '),
      ...(m.territory.sites ?? []).map(({ name }) => name),
    ].join(' ; ');
  table(
    doc,
    [0.17, 0.19, 0.2, 0.22, 0.22],
    ['Acte', 'Opérateur', 'Autorité', 'Territoire', 'Période, missions'],
    report.mandates.map((m) => [
      `${m.instrument.reference} (${frDate(m.instrument.decisionDate)})`,
      m.operatorName ?? `opérateur ${m.operatorId.slice(0, 8)} (non enregistré)`,
      m.authority,
      territory(m),
      `${frDate(m.period.start)} – ${frDate(m.period.end)} ; ${m.missions.map((type) => MISSION_LABELS[type]).join(', ')}`,
    ]),
    7.5,
  );
};

const lawSection = (doc: Doc, document: ReportDocument): void => {
  heading(doc, 'Références et règle de computation');
  for (const { reference, text } of document.legalReferences) {
    ensureRoom(doc, 30);
    doc.font(F.bold).fontSize(9).fillColor(COLORS.text).text(`${reference}. `, MARGIN, doc.y, { continued: true, width: usableWidth(doc) });
    doc.font(F.regular).text(text, { width: usableWidth(doc) }).moveDown(0.2);
  }
  doc.moveDown(0.3);
  ensureRoom(doc, 60);
  doc.font(F.bold).fontSize(9).text('Computation des délais. ', MARGIN, doc.y, { continued: true, width: usableWidth(doc) });
  doc.font(F.regular).text(document.countingRule, { width: usableWidth(doc) });
};

/** « Fait à …, le … », the signatory's name and quality: blank on a preview without one, to be filled by hand. */
const signatureBlock = (doc: Doc, document: ReportDocument): void => {
  ensureRoom(doc, 110);
  doc.moveDown(1.2);
  const x = MARGIN + usableWidth(doc) / 2;
  const width = usableWidth(doc) / 2;
  const s = document.signatory;
  const place = s?.place ?? '……………………';
  const date = s?.date ? frLongDate(s.date) : '……………………';
  doc.font(F.regular).fontSize(10).fillColor(COLORS.text).text(`Fait à ${place}, le ${date}`, x, doc.y, { width });
  doc.moveDown(2.5);
  doc.font(F.bold).text(s?.name ?? 'Nom du signataire : ……………………', x, doc.y, { width });
  doc.font(F.regular).text(s?.quality ?? 'Qualité : ……………………', x, doc.y, { width });
  doc.x = MARGIN;
};

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** `2018-01-15` → `15 janvier 2018` (`1er` for the first). */
const frLongDate = (date: string): string => {
  const day = Number(date.slice(8, 10));
  return `${day === 1 ? '1er' : day} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
};

const verificationAppendix = (doc: Doc, bundle: ComplianceReportBundle, document: ReportDocument): void => {
  const report = bundle.attachments.complianceReport;
  const paragraph = (text: string) => doc.font(F.regular).fontSize(9).fillColor(COLORS.text).text(text, MARGIN, doc.y, { width: usableWidth(doc) }).moveDown(0.35);
  const code = (text: string) => doc.font(F.mono).fontSize(7.5).text(text, MARGIN, doc.y, { width: usableWidth(doc) }).moveDown(0.4);
  doc.addPage();
  heading(doc, 'Annexe A — Point de contrôle et vérification');
  paragraph(`${document.verification[0]} Ce rapport cite ${bundle.events.length} événements.`);
  field(doc, 'Journal', bundle.checkpoint.origin);
  field(doc, "Taille de l'arbre", String(bundle.checkpoint.treeSize));
  field(doc, 'Racine (hex)', bundle.checkpoint.rootHash);
  field(doc, 'Signé le', bundle.checkpoint.signedAt === undefined ? '—' : frInstant(bundle.checkpoint.signedAt));
  doc.moveDown(0.4).font(F.bold).fontSize(9.5).text('Point de contrôle signé :', MARGIN, doc.y);
  code(bundle.checkpoint.note.trimEnd());
  doc.font(F.bold).fontSize(9.5).text('Clé publique du journal (vkey) :', MARGIN, doc.y);
  code(bundle.publicKey.vkey);
  doc.font(F.bold).fontSize(9.5).text('Vérifier :', MARGIN, doc.y).moveDown(0.2);
  const args = `--case ${report.complianceCaseId} --from ${report.period.from} --to ${report.period.to} --as-known-at ${report.asKnownAt}`;
  const filled = (step: string) =>
    step
      .replaceAll('{id}', report.complianceCaseId)
      .replaceAll('{reportId}', document.reportId ?? '{reportId}')
      .replace('--from … --to … --as-known-at …', args.replace(`--case ${report.complianceCaseId} `, ''));
  for (const step of document.verification.slice(1)) paragraph(filled(step));
  heading(doc, 'Ce que le lot de preuves ne prouve pas', 11);
  for (const limit of document.limits) paragraph(`– ${limit}`);

  heading(doc, 'Annexe B — Événements cités');
  table(
    doc,
    [0.07, 0.33, 0.16, 0.44],
    ['Position', 'Flux / révision', 'Type', 'Empreinte (feuille SHA-256)'],
    bundle.events.map((e) => [e.envelope.position, `${e.envelope.stream} / ${e.envelope.revision}`, e.envelope.type, e.leafHash]),
    5.5,
    [undefined, undefined, undefined, F.mono],
  );
};

/** Page footers, and the PROJET mark across every page of a preview, drawn once every page exists (pages are buffered). */
const footers = (doc: Doc, report: ComplianceReportContent, document: ReportDocument): void => {
  const { start, count } = doc.bufferedPageRange();
  const status = document.marking ?? `rapport n° ${document.reportId}`;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    if (document.marking !== null) {
      const { width, height } = doc.page;
      doc.save().rotate(-35, { origin: [width / 2, height / 2] }).fillColor(COLORS.gap).fillOpacity(0.09).font(F.bold).fontSize(130);
      doc.text(document.marking, 0, height / 2 - 70, { width, align: 'center', lineBreak: false });
      doc.restore();
    }
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(F.regular)
      .fontSize(7)
      .fillColor(COLORS.muted)
      .text(`${status} — tel que connu le ${frInstant(report.asKnownAt)} — page ${i + 1} / ${count}`, MARGIN, doc.page.height - 30, {
        width: usableWidth(doc),
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
};

/**
 * The report as a PDF a court clerk files: to whom, the case and its parties, a summary, one
 * section per obligation with its timeline, the linked mandates, the law and the counting rule, the
 * signature, and the annexes (checkpoint, how to verify, what a bundle cannot prove, cited events).
 * DejaVu fonts, embedded.
 */
export const renderComplianceReportPdf = (bundle: ComplianceReportBundle, document: ReportDocument): Promise<Buffer> => {
  const report = bundle.attachments.complianceReport;
  const opening = report.case.decisions[0];
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `${document.marking === null ? '' : `${document.marking} — `}${document.title} — ${opening.court}, n° ${opening.caseNumbers.join(', ')}`,
      Subject: `Période du ${report.period.from} au ${report.period.to}, tel que connu le ${report.asKnownAt}`,
      Producer: 'mandate-ledger',
      CreationDate: new Date(document.issuedAt ?? bundle.createdAt),
    },
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const mandates = new Map(report.mandates.map((m) => [m.mandateId, m]));
  caseSection(doc, bundle, document);
  for (const obligation of report.obligations) obligationSection(doc, report, document, obligation, mandates);
  mandatesSection(doc, report, document);
  lawSection(doc, document);
  signatureBlock(doc, document);
  verificationAppendix(doc, bundle, document);
  footers(doc, report, document);
  doc.end();
  return done;
};
