import type { CalendarDate, Signatory } from '@mandate-ledger/domain';
import { communeName } from './communes';
import type { ComplianceReportContent } from './compliance-report.content';

// What makes the figures a document a court files: who it is for, the law it applies, who signs
// it, how to check it and what the check cannot show, and whether it is a draft (PROJET) or the
// issued report. The same in every format: the JSON carries it as `attachments.document`.

export const REPORT_DOCUMENT_FORMAT = 'mandate-ledger/compliance-report-document';

/** How the report is rendered: a preview (PROJET) unless `issue` is given; the signatory from the request. */
export interface DocumentOptions {
  readonly issue?: { readonly reportId: string; readonly issuedAt: string; readonly issuedBy: string };
  readonly signatory?: Signatory;
}

export interface LegalReference {
  readonly reference: string;
  readonly text: string;
}

export interface ReportDocument {
  readonly format: typeof REPORT_DOCUMENT_FORMAT;
  readonly version: 1;
  /** `draft`: a preview, marked PROJET, recorded nowhere; `issued`: recorded as `ComplianceReportIssued`. */
  readonly status: 'draft' | 'issued';
  readonly marking: 'PROJET' | null;
  readonly reportId: string | null;
  readonly issuedAt: string | null;
  readonly issuedBy: string | null;
  readonly title: string;
  /** The greffe of the court of the opening decision. */
  readonly addressee: string;
  /** Every INSEE code the report names, with the commune's name (absent when the administrative map does not know it). */
  readonly communes: Readonly<Record<string, string>>;
  readonly legalReferences: readonly LegalReference[];
  readonly countingRule: string;
  /** « Fait à {place}, le {date} »: the date is the issuance's (Paris), null on a draft. */
  readonly signatory: (Signatory & { readonly date: CalendarDate | null }) | null;
  readonly verification: readonly string[];
  /** What the evidence bundle cannot establish, in plain words. */
  readonly limits: readonly string[];
}

export const REPORT_TITLE = "Rapport d'exécution d'une décision de justice";

/** Summaries of the provisions the report applies (Code de justice administrative). */
export const LEGAL_REFERENCES: readonly LegalReference[] = [
  {
    reference: 'CJA L.521-2',
    text: "Référé-liberté : saisi en urgence, le juge des référés peut ordonner toute mesure nécessaire à la sauvegarde d'une liberté fondamentale à laquelle l'administration porte une atteinte grave et manifestement illégale.",
  },
  { reference: 'CJA L.911-3', text: "La juridiction peut assortir l'injonction d'une astreinte, dont elle fixe la date d'effet." },
  {
    reference: 'CJA L.911-6',
    text: "L'astreinte est provisoire ou définitive ; elle est provisoire sauf si la juridiction en précise le caractère définitif. Elle est indépendante des dommages et intérêts.",
  },
  {
    reference: 'CJA L.911-7',
    text: "En cas d'inexécution totale ou partielle ou d'exécution tardive, la juridiction liquide l'astreinte ; elle peut modérer ou supprimer l'astreinte provisoire, même en cas d'inexécution constatée.",
  },
  { reference: 'CJA L.911-8', text: "La juridiction peut décider qu'une part de l'astreinte ne sera pas versée au requérant : cette part est affectée au budget de l'État." },
];

export const COUNTING_RULE =
  "Un délai de N jours court à compter de la notification de la décision : le jour de la notification ne compte pas, et le dernier jour pour exécuter " +
  "(l'échéance) est la date de notification augmentée de N jours. L'astreinte court à compter du lendemain de l'échéance, ou de la date que fixe la décision. " +
  "Un jour est couvert lorsqu'un mandat lié à l'obligation est en vigueur ce jour-là pour la mission, la commune et, si l'obligation en nomme un, le site. " +
  "Les obligations sont continues, sauf si elles sont enregistrées comme ponctuelles : chaque jour non couvert après l'échéance, y compris après une suspension " +
  "ou la fin d'un mandat, est un jour d'inexécution, jusqu'à la constatation de l'exécution ou la clôture. L'astreinte encourue est le montant maximal, avant liquidation par le juge.";

export const VERIFICATION_STEPS: readonly string[] = [
  "Chaque événement du journal sur lequel repose ce rapport (annexe B) est inclus dans l'arbre de Merkle du journal (RFC 9162), dont le point de contrôle ci-dessous est signé (Ed25519, note signée C2SP).",
  "1. Obtenir le lot de preuves au format JSON : le rapport émis au format JSON (GET /compliance-cases/{id}/reports/{reportId}), ou l'aperçu du même rapport (GET /compliance-cases/{id}/report?format=json avec les mêmes from, to et asKnownAt), ou sur le serveur : npm run cli -- evidence --case {id} --from … --to … --as-known-at … --out rapport.json",
  '2. Le vérifier hors ligne, sans base de données ni réseau, avec la clé publique publiée par l\'exploitant du journal : npm run cli -- verify-bundle rapport.json --key "<vkey>"',
  "La commande vérifie la signature du point de contrôle, l'empreinte de chaque événement et sa preuve d'inclusion, puis recalcule chaque chiffre du rapport (jours de retard, lacunes, astreintes, indicateurs, noms des opérateurs) à partir des seuls événements du lot, et nomme toute différence.",
  "3. L'empreinte SHA-256 d'un rapport émis est enregistrée dans le journal (événement ComplianceReportIssued, flux compliance_report-{reportId}) : le fichier reçu doit avoir la même empreinte.",
];

export const VERIFICATION_LIMITS: readonly string[] = [
  "Un lot prouve que chaque événement qu'il contient figure dans le journal signé ; il ne prouve pas qu'aucun événement n'a été laissé de côté à la fin d'un flux. Si le dernier événement d'un mandat (une suspension, par exemple) était retiré du lot, les preuves des autres resteraient valables : la vérification ne le détecte que parce que les chiffres annoncés ne découlent plus des événements restants. Pour l'exclure tout à fait, comparer avec l'historique du flux demandé plus tard au journal (GET /mandates/{id}/history) ou avec un point de contrôle publié depuis.",
  "Le rapport ne tient compte que des événements enregistrés jusqu'à la date « tel que connu le » : une décision enregistrée après, même avec un effet rétroactif, n'y figure pas.",
  "Les pièces versées ne sont citées que par leur empreinte SHA-256 : le lot ne contient pas les documents, et ne prouve pas ce qu'ils disent.",
  "La mise en page, les noms des communes (découpage administratif INSEE) et les textes de loi résumés ne sont pas couverts par les preuves : seuls les chiffres et les noms tirés des événements sont recalculés.",
];

/** `2018-01-15T09:00:00Z` → `2018-01-15`, the date in Paris. */
export const parisDate = (instant: string): CalendarDate => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(instant));

const namedCodes = (report: ComplianceReportContent): string[] =>
  [
    ...report.obligations.flatMap((o) => [...o.territory.communes, ...(o.territory.sites ?? []).flatMap(({ commune }) => (commune === undefined ? [] : [commune]))]),
    ...report.mandates.flatMap((m) => [...m.territory.communes, ...(m.territory.sites ?? []).flatMap(({ commune }) => (commune === undefined ? [] : [commune]))]),
  ].filter((code, i, all) => all.indexOf(code) === i);

/** The document around the figures, for a preview or an issued report. */
export const reportDocumentOf = (report: ComplianceReportContent, { issue, signatory }: DocumentOptions = {}): ReportDocument => {
  const court = report.case.decisions[0].court;
  const communes: Record<string, string> = {};
  for (const code of namedCodes(report).sort()) {
    const name = communeName(code);
    if (name !== undefined) communes[code] = name;
  }
  return {
    format: REPORT_DOCUMENT_FORMAT,
    version: 1,
    status: issue === undefined ? 'draft' : 'issued',
    marking: issue === undefined ? 'PROJET' : null,
    reportId: issue?.reportId ?? null,
    issuedAt: issue?.issuedAt ?? null,
    issuedBy: issue?.issuedBy ?? null,
    title: REPORT_TITLE,
    addressee: `Greffe — ${court}`,
    communes,
    legalReferences: LEGAL_REFERENCES,
    countingRule: COUNTING_RULE,
    signatory: signatory === undefined ? null : { ...signatory, date: issue === undefined ? null : parisDate(issue.issuedAt) },
    verification: VERIFICATION_STEPS,
    limits: VERIFICATION_LIMITS,
  };
};

const slug = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Named after the court and the decision number, then the period; a draft says so:
 * `rapport-execution_tribunal-administratif-de-lille_1705379_2017-06-26_2017-12-31_projet.pdf`.
 * ASCII only, so it travels in any Content-Disposition.
 */
export const reportFileName = (report: ComplianceReportContent, document: ReportDocument, extension: string): string => {
  const opening = report.case.decisions[0];
  const parts = ['rapport-execution', slug(opening.court), slug(opening.caseNumbers[0]), report.period.from, report.period.to];
  return `${[...parts, ...(document.status === 'draft' ? ['projet'] : [])].join('_')}.${extension}`;
};
