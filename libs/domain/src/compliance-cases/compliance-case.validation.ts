import { isInstant } from '../shared/dates';
import { invalidField, invalidInstant } from '../shared/domain-error';
import { requireDate, requireList, requireOneOf, requireText } from '../shared/validation';
import { invalidAmount } from '../mandates/mandate.errors';
import { MISSION_TYPES } from '../mandates/mandate.terms';
import { validTerritory } from '../mandates/mandate.validation';
import { duplicateAddressee, invalidDeadline, invalidSha256 } from './compliance-case.errors';
import { AddComplianceObligation } from './compliance-case.commands';
import { ObligationTerms } from './compliance-case.events';
import { ADDRESSEE_KINDS, Addressee, CourtDecision, PENALTY_SCOPES } from './compliance-case.terms';

const isWholeNumber = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** Texts of a list, each once, in their first order. */
export const distinctTexts = (values: readonly string[] | undefined, field: string, { nonEmpty = false } = {}): string[] => {
  requireList(values, field, { nonEmpty }).forEach((value, i) => requireText(value, `${field}[${i}]`));
  return [...new Set(values)];
};

export const requireSha256 = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value)) throw invalidSha256(field, value);
  return value;
};

export const requireInstant = (value: unknown, field: string): string => {
  if (!isInstant(value)) throw invalidInstant(field, value);
  return value;
};

/** Returns the decision with each case number once. */
export const validCourtDecision = (decision: CourtDecision): CourtDecision => ({
  court: requireText(decision.court, 'court'),
  caseNumbers: distinctTexts(decision.caseNumbers, 'caseNumbers', { nonEmpty: true }),
  decisionDate: requireDate(decision.decisionDate, 'decisionDate'),
});

const validAddressees = (addressees: readonly Addressee[]): Addressee[] => {
  const seen = new Set<string>();
  return requireList(addressees, 'addressees', { nonEmpty: true }).map(({ kind, name }, i) => {
    requireOneOf(kind, ADDRESSEE_KINDS, `addressees[${i}].kind`);
    if (name !== undefined || kind === 'other') requireText(name, `addressees[${i}].name`);
    const key = JSON.stringify([kind, name ?? null]);
    if (seen.has(key)) throw duplicateAddressee(kind, name);
    seen.add(key);
    return name === undefined ? { kind } : { kind, name };
  });
};

/** Returns the terms as they will be recorded: territory as for a mandate, lists without repeats, defaults stated. */
export const validObligationTerms = ({ complianceCaseId: _, ...terms }: AddComplianceObligation['data']): ObligationTerms => {
  const { deadlineDays, penaltyPerDayCents, oneOff = false, penaltyScope = 'obligation', penaltyStartsOn } = terms;
  if (!isWholeNumber(deadlineDays)) throw invalidDeadline(deadlineDays);
  if (!isWholeNumber(penaltyPerDayCents)) throw invalidAmount('penaltyPerDayCents');
  if (typeof oneOff !== 'boolean') throw invalidField('oneOff', 'true or false');
  return {
    obligationId: requireText(terms.obligationId, 'obligationId'),
    decision: requireText(terms.decision, 'decision'),
    article: requireText(terms.article, 'article'),
    text: requireText(terms.text, 'text'),
    addressees: validAddressees(terms.addressees),
    missionType: requireOneOf(terms.missionType, MISSION_TYPES, 'missionType'),
    territory: validTerritory(terms.territory),
    deadlineDays,
    oneOff,
    penaltyPerDayCents,
    penaltyScope: requireOneOf(penaltyScope, PENALTY_SCOPES, 'penaltyScope'),
    ...(penaltyStartsOn !== undefined && { penaltyStartsOn: requireDate(penaltyStartsOn, 'penaltyStartsOn') }),
    supersedes: distinctTexts(terms.supersedes ?? [], 'supersedes'),
  };
};
