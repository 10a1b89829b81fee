import { addYears, CalendarDate, isBefore } from '../shared/dates';
import { invalidDepartement, invalidField, invalidSiret } from '../shared/domain-error';
import { CHORUS_COMMITMENT, departementOfCommune, isValidCpvCode, isValidDepartementCode, isValidInseeCommuneCode, isValidSiret } from '../shared/french-identifiers';
import { isNonNegativeNumber, requireDate, requireList, requireOneOf, requirePeriod, requireStaff, requireText } from '../shared/validation';
import {
  communeOutsideDepartement,
  cpomTooLong,
  duplicateIndicator,
  duplicateMission,
  invalidAmount,
  invalidChorusCommitment,
  invalidCommune,
  invalidCpv,
  invalidIndicatorValue,
  missionWithoutIndicators,
  rateOnly,
  scheduleAmountMismatch,
  siteOutsideTerritory,
  unknownIndicator,
  writtenAgreementRequired,
  procurementRequired,
  duplicateInstalment,
} from './mandate.errors';
import { GrantMandate, OtherSubsidy } from './mandate.commands';
import { fundingYearsOf, subsidyYearTotals } from './mandate.finance';
import { MandateGrant } from './mandate.events';
import { Funding, GrantedMandate } from './mandate.state';
import {
  AUTHORITY_KINDS,
  Authority,
  CCAGS,
  CONTRACT_PROCEDURES,
  ENVIRONMENTAL_CONSIDERATIONS,
  EXECUTION_MODES,
  OPERATOR_GROUPINGS,
  PRICE_FORMS,
  PRICE_TYPES,
  PURCHASE_TECHNIQUES,
  SOCIAL_CONSIDERATIONS,
  BUDGET_PROGRAMMES,
  Financing,
  FINANCING_NATURES,
  INDICATOR_KINDS,
  IndicatorValue,
  Instrument,
  INSTRUMENT_KINDS,
  isCheckedForWrittenAgreement,
  LegalReference,
  LinkedObligation,
  Mission,
  MissionDeclaration,
  MISSION_TYPES,
  NON_SUBSIDY_KINDS,
  PAYMENT_TERMS,
  RATE_PERIODS,
  Territory,
} from './mandate.terms';

const isWholeCents = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

const requireObject = (value: unknown, field: string) => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidField(field, 'an object');
};

export const validateAuthority = (authority: Authority): void => {
  requireObject(authority, 'authority');
  requireOneOf(authority.kind, AUTHORITY_KINDS, 'authority.kind');
  requireText(authority.name, 'authority.name');
  if (!isValidSiret(authority.siret)) throw invalidSiret(authority.siret);
  if (!isValidDepartementCode(authority.departement)) throw invalidDepartement(authority.departement);
};

export const validateInstrument = (instrument: Instrument): void => {
  requireObject(instrument, 'instrument');
  requireOneOf(instrument.kind, INSTRUMENT_KINDS, 'instrument.kind');
  requireText(instrument.reference, 'instrument.reference');
  requireDate(instrument.decisionDate, 'instrument.decisionDate');
  if (instrument.signatureDate !== undefined) requireDate(instrument.signatureDate, 'instrument.signatureDate');
  if (instrument.kind === 'public_contract' && !isValidCpvCode(instrument.cpv)) throw invalidCpv(instrument.cpv);
  validateProcurement(instrument);
};

export const validateLegalBasis = (legalBasis: readonly LegalReference[]): void =>
  requireList(legalBasis, 'legalBasis', { nonEmpty: true }).forEach(({ source, article, reference }, i) => {
    requireText(source, `legalBasis[${i}].source`);
    if (article === undefined && reference === undefined) throw invalidField(`legalBasis[${i}]`, 'an article or a reference');
    if (article !== undefined) requireText(article, `legalBasis[${i}].article`);
    if (reference !== undefined) requireText(reference, `legalBasis[${i}].reference`);
  });

/** Returns the missions as they will be recorded: each indicator's kind stated (`count` unless declared). */
export const validMissions = (missions: readonly MissionDeclaration[], field = 'missions'): Mission[] => {
  const types = new Set<string>();
  const indicatorNames = new Set<string>();
  return requireList(missions, field, { nonEmpty: true }).map(({ type, indicators }, i) => {
    requireOneOf(type, MISSION_TYPES, `${field}[${i}].type`);
    if (types.has(type)) throw duplicateMission(type);
    types.add(type);
    if (!Array.isArray(indicators) || indicators.length === 0) throw missionWithoutIndicators(type);
    return {
      type,
      indicators: indicators.map((indicator, j) => {
        const at = `${field}[${i}].indicators[${j}]`;
        const { name, unit, target, per, label } = indicator;
        requireText(name, `${at}.name`);
        requireText(unit, `${at}.unit`);
        if (!isNonNegativeNumber(target)) throw invalidField(`${at}.target`, 'a non-negative number');
        const kind = indicator.kind === undefined ? 'count' : requireOneOf(indicator.kind, INDICATOR_KINDS, `${at}.kind`);
        if (kind === 'rate') requireOneOf(per, RATE_PERIODS, `${at}.per`);
        else if (per !== undefined) throw rateOnly(name);
        if (label !== undefined) requireText(label, `${at}.label`);
        if (indicatorNames.has(name)) throw duplicateIndicator(name);
        indicatorNames.add(name);
        return { name, unit, target, kind, ...(per !== undefined && { per }), ...(label !== undefined && { label }) };
      }),
    };
  });
};

/** Returns the territory with duplicate communes dropped. */
export const validTerritory = (territory: Territory): Territory => {
  requireObject(territory, 'territory');
  const { departement, sites } = territory;
  if (!isValidDepartementCode(departement)) throw invalidDepartement(departement);
  const communes = [...new Set(requireList(territory.communes, 'territory.communes'))];
  const inTerritory = (commune: string) =>
    departementOfCommune(commune) === departement && (communes.length === 0 || communes.includes(commune));
  for (const commune of communes) {
    if (!isValidInseeCommuneCode(commune)) throw invalidCommune(commune);
    if (departementOfCommune(commune) !== departement) throw communeOutsideDepartement(commune, departement);
  }
  if (sites !== undefined)
    requireList(sites, 'territory.sites').forEach(({ name, commune }, i) => {
      requireText(name, `territory.sites[${i}].name`);
      if (commune === undefined) return;
      if (!isValidInseeCommuneCode(commune)) throw invalidCommune(commune);
      if (!inTerritory(commune)) throw siteOutsideTerritory(name);
    });
  return { ...territory, communes };
};

export const validateFinancing = (financing: Financing, field = 'financing'): void => {
  requireObject(financing, field);
  const { amountCents, schedule, chorusCommitment } = financing;
  if (!isWholeCents(amountCents)) throw invalidAmount(`${field}.amountCents`);
  requireOneOf(financing.nature, FINANCING_NATURES, `${field}.nature`);
  requireOneOf(financing.paymentTerms, PAYMENT_TERMS, `${field}.paymentTerms`);
  requireOneOf(financing.programme, BUDGET_PROGRAMMES, `${field}.programme`);
  if (chorusCommitment !== undefined && !(typeof chorusCommitment === 'string' && CHORUS_COMMITMENT.test(chorusCommitment)))
    throw invalidChorusCommitment(chorusCommitment);
  if (schedule === undefined) return;
  requireList(schedule, `${field}.schedule`, { nonEmpty: true }).forEach(({ dueDate, amountCents: due }, i) => {
    requireDate(dueDate, `${field}.schedule[${i}].dueDate`);
    if (!isWholeCents(due)) throw invalidAmount(`${field}.schedule[${i}].amountCents`);
  });
  const sum = schedule.reduce((total, { amountCents: due }) => total + due, 0);
  if (sum !== amountCents) throw scheduleAmountMismatch(sum, amountCents);
  if (new Set(schedule.map(({ dueDate }) => dueDate)).size !== schedule.length)
    throw duplicateInstalment(schedule.find(({ dueDate }, i) => schedule.findIndex((other) => other.dueDate === dueDate) !== i)!.dueDate);
};

export const validateLinkedObligations = (obligations: readonly LinkedObligation[] | undefined): void => {
  if (obligations === undefined) return;
  requireList(obligations, 'linkedObligations').forEach(({ complianceCaseId, obligationId }, i) => {
    requireText(complianceCaseId, `linkedObligations[${i}].complianceCaseId`);
    requireText(obligationId, `linkedObligations[${i}].obligationId`);
  });
};

/** Returns the grant as it will be recorded (see {@link validTerritory}). */
export const validGrant = (grant: GrantMandate['data']): MandateGrant => {
  requireText(grant.mandateId, 'mandateId');
  requireText(grant.operatorId, 'operatorId');
  validateAuthority(grant.authority);
  validateInstrument(grant.instrument);
  validateLegalBasis(grant.legalBasis);
  const missions = validMissions(grant.missions);
  const territory = validTerritory(grant.territory);
  requireObject(grant.period, 'period');
  requirePeriod(grant.period.start, grant.period.end, 'period');
  validateFinancing(grant.financing);
  requireStaff(grant.staffing, 'staffing');
  validateLinkedObligations(grant.linkedObligations);
  return { ...grant, missions, territory };
};

export const validateCpomDuration = (instrument: Instrument, start: CalendarDate, end: CalendarDate): void => {
  if (instrument.kind === 'cpom' && !isBefore(end, addYears(start, 5))) throw cpomTooLong();
};

/** The decided mandate as an {@link OtherSubsidy}: its fundings as they will be once the decision is recorded. */
export const subsidyOf = (mandate: Pick<GrantedMandate, 'mandateId' | 'operatorId' | 'authority' | 'instrument' | 'fundings'>): OtherSubsidy => ({
  mandateId: mandate.mandateId,
  operatorId: mandate.operatorId,
  authoritySiret: mandate.authority.siret,
  instrumentKind: mandate.instrument.kind,
  reference: mandate.instrument.reference,
  fundings: mandate.fundings.map(({ from, to, financing }) => ({ from, to, amountCents: financing.amountCents })),
});

/**
 * Loi 2000-321 art. 10 and décret 2001-495: when the subsidies of one authority (its SIRET) to one
 * operator exceed the threshold in a year, they need a written agreement. A decision by any other
 * instrument (an attribution order) is refused when, in a year it funds, the subsidies of its
 * authority to its operator add up above the threshold: its own and those of every other mandate
 * the handler read (grants, renewals and amendments as recorded), each funding counted by
 * {@link fundingYearsOf}. Public contracts and requisitions are no subsidies and count for nothing.
 */
export const validateWrittenAgreement = (decided: OtherSubsidy, others: readonly OtherSubsidy[], thresholdCents: number): void => {
  if (!isCheckedForWrittenAgreement(decided.instrumentKind)) return;
  const counted = [
    decided,
    ...others.filter(
      (other) =>
        other.mandateId !== decided.mandateId &&
        other.operatorId === decided.operatorId &&
        other.authoritySiret === decided.authoritySiret &&
        !NON_SUBSIDY_KINDS.includes(other.instrumentKind),
    ),
  ];
  const decidedYears = new Set(fundingYearsOfAll(decided).filter((part) => part.amountCents > 0).map((part) => part.year));
  for (const { year, totalCents, shares } of subsidyYearTotals(counted)) {
    if (!decidedYears.has(year) || totalCents <= thresholdCents) continue;
    throw writtenAgreementRequired(year, totalCents, thresholdCents, shares.map(({ mandateId, reference, amountCents }) => ({ mandateId, reference, amountCents })));
  }
};

const fundingYearsOfAll = (subsidy: OtherSubsidy) => subsidy.fundings.flatMap(fundingYearsOf);

/** DECP: the facts a public contract's essential data need, each from the format's vocabulary. */
export const validateProcurement = (instrument: Instrument): void => {
  if (instrument.kind !== 'public_contract') return;
  const { procurement } = instrument;
  if (procurement === undefined) throw procurementRequired();
  requireObject(procurement, 'instrument.procurement');
  const at = (field: string) => `instrument.procurement.${field}`;
  // DECP identifies a contract by the buyer's own number, 1 to 16 characters.
  if (instrument.reference.length > 16) throw invalidField('instrument.reference', 'at most 16 characters for a public contract (DECP)');
  const oneOrMore = <T extends string>(values: readonly T[], allowed: readonly T[], field: string) => {
    requireList(values, at(field), { nonEmpty: true }).forEach((value, i) => requireOneOf(value, allowed, `${at(field)}[${i}]`));
    if (new Set(values).size !== values.length) throw invalidField(at(field), 'a list without repetition');
  };
  requireDate(procurement.notificationDate, at('notificationDate'));
  requireOneOf(procurement.procedure, CONTRACT_PROCEDURES, at('procedure'));
  oneOrMore(procurement.techniques, PURCHASE_TECHNIQUES, 'techniques');
  oneOrMore(procurement.executionModes, EXECUTION_MODES, 'executionModes');
  requireOneOf(procurement.ccag, CCAGS, at('ccag'));
  if (!(Number.isSafeInteger(procurement.offersReceived) && procurement.offersReceived >= 1)) throw invalidField(at('offersReceived'), 'a whole number, at least 1');
  requireOneOf(procurement.priceForm, PRICE_FORMS, at('priceForm'));
  oneOrMore(procurement.priceTypes, PRICE_TYPES, 'priceTypes');
  requireObject(procurement.advance, at('advance'));
  if (typeof procurement.advance.granted !== 'boolean') throw invalidField(at('advance.granted'), 'true or false');
  const { rate } = procurement.advance;
  if (rate !== undefined && !(isNonNegativeNumber(rate) && rate <= 1)) throw invalidField(at('advance.rate'), 'a rate from 0 to 1');
  if (typeof procurement.subcontractingDeclared !== 'boolean') throw invalidField(at('subcontractingDeclared'), 'true or false');
  if (typeof procurement.innovative !== 'boolean') throw invalidField(at('innovative'), 'true or false');
  requireOneOf(procurement.grouping, OPERATOR_GROUPINGS, at('grouping'));
  oneOrMore(procurement.socialConsiderations, SOCIAL_CONSIDERATIONS, 'socialConsiderations');
  oneOrMore(procurement.environmentalConsiderations, ENVIRONMENTAL_CONSIDERATIONS, 'environmentalConsiderations');
};

/** One instalment a day at most across the mandate's schedules: its due date names it in payment decisions. */
export const validateScheduleDates = (fundings: readonly Funding[]): void => {
  const seen = new Set<string>();
  for (const { dueDate } of fundings.flatMap((funding) => funding.financing.schedule ?? [])) {
    if (seen.has(dueDate)) throw duplicateInstalment(dueDate);
    seen.add(dueDate);
  }
};

/** Indicator values: non-negative numbers, each named once, declared by the mandate. */
export const validateIndicatorValues = (values: readonly IndicatorValue[], declared: ReadonlySet<string>): void => {
  const seen = new Set<string>();
  requireList(values, 'indicators').forEach(({ name, value }, i) => {
    requireText(name, `indicators[${i}].name`);
    if (!isNonNegativeNumber(value)) throw invalidIndicatorValue(name);
    if (seen.has(name)) throw duplicateIndicator(name);
    seen.add(name);
    if (!declared.has(name)) throw unknownIndicator(name);
  });
};
