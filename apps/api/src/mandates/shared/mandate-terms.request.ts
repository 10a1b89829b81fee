import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import {
  AUTHORITY_KINDS,
  type AuthorityKind,
  BUDGET_PROGRAMMES,
  CCAGS,
  CHORUS_COMMITMENT,
  CONTRACT_PROCEDURES,
  ENVIRONMENTAL_CONSIDERATIONS,
  EXECUTION_MODES,
  OPERATOR_GROUPINGS,
  PRICE_FORMS,
  PRICE_TYPES,
  type Procurement,
  PURCHASE_TECHNIQUES,
  SOCIAL_CONSIDERATIONS,
  CPV_CODE,
  FINANCING_NATURES,
  INDICATOR_KINDS,
  type IndicatorKind,
  INSTRUMENT_KINDS,
  type InstrumentKind,
  MISSION_TYPES,
  type MissionType,
  PAYMENT_TERMS,
  RATE_PERIODS,
  type RatePeriod,
} from '@mandate-ledger/domain';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { IsDepartementCode, IsOptionalNotNull, MAX_AMOUNT_CENTS, MAX_FTE, TEXT_LIMITS, IsUuid } from '../../http/request-validators';

// Shapes only: the decider checks the rules (Luhn, start ≤ end, communes in the département, …).

export const SIRET = /^\d{14}$/;
/** INSEE commune code (not a postal code): `62193` Calais, `2A004` Ajaccio. */
export const INSEE_COMMUNE = /^(\d{5}|2[AB]\d{3})$/;

/** Indicator targets and values: non-negative, bounded, at most 4 decimals (litres per person per day). */
const MEASURE = { min: 0, max: 1e12, maxDecimalPlaces: 4 } as const;

export const ARRAY_LIMITS = {
  legalBasis: 50,
  missions: 50,
  indicators: 100,
  communes: 500,
  sites: 100,
  instalments: 120,
  linkedObligations: 100,
} as const;

export class AuthorityRequest {
  @ApiProperty({ enum: AUTHORITY_KINDS, enumName: 'AuthorityKind', example: 'prefecture' })
  @IsIn(AUTHORITY_KINDS)
  kind!: AuthorityKind;

  @ApiProperty({ maxLength: TEXT_LIMITS.name, example: 'Préfet du Pas-de-Calais' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.name)
  name!: string;

  @ApiProperty({ pattern: SIRET.source, example: '13000548100002', description: 'SIRET of the authority (Luhn checked by the domain)' })
  @Matches(SIRET, { message: '$property must be 14 digits' })
  siret!: string;

  @ApiProperty({ example: '62', description: 'Département code: 01–95, 2A, 2B, 971–976' })
  @IsDepartementCode()
  departement!: string;
}

const isPublicContract = (object: object) => (object as InstrumentRequest).kind === 'public_contract';

/** Required when the kind is `public_contract`, refused otherwise: one message for each case. */
const IsCpvOfPublicContract = () =>
  ValidateBy({
    name: 'isCpvOfPublicContract',
    validator: {
      validate: (value: unknown, { object }: ValidationArguments) =>
        isPublicContract(object) ? typeof value === 'string' && CPV_CODE.test(value) : value === undefined,
      defaultMessage: ({ object, value }: ValidationArguments) =>
        !isPublicContract(object)
          ? '$property is accepted only when kind is public_contract'
          : value === undefined
            ? '$property is required when kind is public_contract'
            : '$property must be a CPV code 12345678-9',
    },
  });

/** Required when the kind is `public_contract`, refused otherwise. */
const IsProcurementOfPublicContract = () =>
  ValidateBy({
    name: 'isProcurementOfPublicContract',
    validator: {
      validate: (value: unknown, { object }: ValidationArguments) =>
        isPublicContract(object) ? typeof value === 'object' && value !== null && !Array.isArray(value) : value === undefined,
      defaultMessage: ({ object }: ValidationArguments) =>
        isPublicContract(object) ? '$property is required when kind is public_contract' : '$property is accepted only when kind is public_contract',
    },
  });

/** A list of values from a DECP vocabulary, each once. */
const vocabulary = (values: readonly string[], example: string) =>
  applyDecorators(
    ApiProperty({ enum: values, isArray: true, example: [example] }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(values.length),
    ArrayUnique(),
    IsIn(values, { each: true }),
  );

/** What DECP 2.0.3 needs of a public contract's award, in the format's own vocabulary. */
export class AdvanceRequest {
  @ApiProperty({ example: false })
  @IsBoolean()
  granted!: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, example: 0.1, description: 'Rate of the advance (0.1: 10 %), when known' })
  @IsOptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0)
  @Max(1)
  rate?: number;
}

export class ProcurementRequest implements Procurement {
  @ApiProperty({ type: String, format: 'date', example: '2018-03-05', description: 'Notified to the holder: DECP dateNotification; publication is due two months later' })
  @IsCalendarDate()
  notificationDate!: string;

  @ApiProperty({ enum: CONTRACT_PROCEDURES, example: 'Procédure avec négociation' })
  @IsIn(CONTRACT_PROCEDURES)
  procedure!: Procurement['procedure'];

  @vocabulary(PURCHASE_TECHNIQUES, 'Sans objet')
  techniques!: Procurement['techniques'];

  @vocabulary(EXECUTION_MODES, 'Bons de commande')
  executionModes!: Procurement['executionModes'];

  @ApiProperty({ enum: CCAGS, example: 'Fournitures courantes et services' })
  @IsIn(CCAGS)
  ccag!: Procurement['ccag'];

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100000, example: 2 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  offersReceived!: number;

  @ApiProperty({ enum: PRICE_FORMS, example: 'Unitaire' })
  @IsIn(PRICE_FORMS)
  priceForm!: Procurement['priceForm'];

  @vocabulary(PRICE_TYPES, 'Définitif révisable')
  priceTypes!: Procurement['priceTypes'];

  @ApiProperty({ type: () => AdvanceRequest })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AdvanceRequest)
  advance!: AdvanceRequest;

  @ApiProperty({ example: false })
  @IsBoolean()
  subcontractingDeclared!: boolean;

  @ApiProperty({ example: false })
  @IsBoolean()
  innovative!: boolean;

  @ApiProperty({ enum: OPERATOR_GROUPINGS, example: 'Pas de groupement' })
  @IsIn(OPERATOR_GROUPINGS)
  grouping!: Procurement['grouping'];

  @vocabulary(SOCIAL_CONSIDERATIONS, 'Clause sociale')
  socialConsiderations!: Procurement['socialConsiderations'];

  @vocabulary(ENVIRONMENTAL_CONSIDERATIONS, 'Pas de considération environnementale')
  environmentalConsiderations!: Procurement['environmentalConsiderations'];
}

/**
 * A grant's instrument. `cpv` is required when `kind` is `public_contract` and refused otherwise,
 * so a validated instance satisfies the domain's `Instrument` union (see `GrantMandateRequest`).
 */
export class InstrumentRequest {
  @ApiProperty({ enum: INSTRUMENT_KINDS, enumName: 'InstrumentKind', example: 'annual_agreement' })
  @IsIn(INSTRUMENT_KINDS)
  kind!: InstrumentKind;

  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: 'CONV-2017-62-014' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reference)
  reference!: string;

  @ApiProperty({ type: String, format: 'date', example: '2017-07-27' })
  @IsCalendarDate()
  decisionDate!: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2017-07-27' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  signatureDate?: string;

  @ApiPropertyOptional({ pattern: CPV_CODE.source, example: '55320000-9', description: 'Required when kind is public_contract, refused otherwise' })
  @IsCpvOfPublicContract()
  cpv?: string;

  @ApiPropertyOptional({ type: () => ProcurementRequest, description: 'Required when kind is public_contract (its DECP essential data), refused otherwise' })
  @IsProcurementOfPublicContract()
  @ValidateNested()
  @Type(() => ProcurementRequest)
  procurement?: ProcurementRequest;
}

/** The article, unless a reference is given: a legal reference names one or the other (or both). */
const IsArticleUnlessReference = () =>
  ValidateBy({
    name: 'isArticleUnlessReference',
    validator: {
      validate: (value: unknown, { object }: ValidationArguments) =>
        value === undefined
          ? (object as LegalReferenceRequest).reference !== undefined
          : typeof value === 'string' && value.trim() !== '' && value.length <= TEXT_LIMITS.reference,
      defaultMessage: ({ value }: ValidationArguments) =>
        value === undefined
          ? 'an article or a reference must be given'
          : `$property must be a non-empty text of at most ${TEXT_LIMITS.reference} characters`,
    },
  });

/** `{source: 'CASF', article: 'D.345-8'}` or `{source: 'court_decision', reference: 'TA Lille 1705379'}`: an article or a reference. */
export class LegalReferenceRequest {
  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: 'CASF', description: "A code or law ('CASF', 'loi 2000-321'), or 'court_decision'" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reference)
  source!: string;

  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.reference, example: 'D.345-8', description: 'Required unless reference is given' })
  @IsArticleUnlessReference()
  article?: string;

  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.reference, example: 'TA Lille 1705379' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reference)
  reference?: string;
}

/** Required when the kind is `rate`, refused otherwise. */
const IsPerOfRate = () =>
  ValidateBy({
    name: 'isPerOfRate',
    validator: {
      validate: (value: unknown, { object }: ValidationArguments) =>
        (object as IndicatorRequest).kind === 'rate' ? RATE_PERIODS.includes(value as RatePeriod) : value === undefined,
      defaultMessage: ({ object, value }: ValidationArguments) =>
        (object as IndicatorRequest).kind !== 'rate'
          ? '$property is accepted only when kind is rate'
          : value === undefined
            ? '$property is required when kind is rate'
            : `$property must be one of ${RATE_PERIODS.join(', ')}`,
    },
  });

export class IndicatorRequest {
  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: 'minors_found', description: 'Unique within the mandate: activity reports name it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reference)
  name!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: 'persons' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reference)
  unit!: string;

  @ApiProperty({ minimum: MEASURE.min, maximum: MEASURE.max, example: 100, description: 'For a count, over the mandate; for a stock, the level to hold; for a rate, per its period' })
  @IsNumber({ maxDecimalPlaces: MEASURE.maxDecimalPlaces })
  @Min(MEASURE.min)
  @Max(MEASURE.max)
  target!: number;

  @ApiPropertyOptional({
    enum: INDICATOR_KINDS,
    enumName: 'IndicatorKind',
    example: 'count',
    description: 'count (summed over reports), stock (the last value holds) or rate (averaged, weighted by days); count when left out',
  })
  @IsOptionalNotNull()
  @IsIn(INDICATOR_KINDS)
  kind?: IndicatorKind;

  @ApiPropertyOptional({ enum: RATE_PERIODS, enumName: 'RatePeriod', example: 'week', description: 'Required for a rate, refused otherwise' })
  @IsPerOfRate()
  per?: RatePeriod;

  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.name, example: 'mineurs rencontrés', description: 'Its French label in reports; the name serves when left out' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.name)
  label?: string;
}

export class MissionRequest {
  @ApiProperty({ enum: MISSION_TYPES, enumName: 'MissionType', example: 'MARAUDE_MINORS' })
  @IsIn(MISSION_TYPES)
  type!: MissionType;

  @ApiProperty({ type: () => [IndicatorRequest], minItems: 1, maxItems: ARRAY_LIMITS.indicators, description: 'Evaluation indicators (CASF D.345-8)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ARRAY_LIMITS.indicators)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => IndicatorRequest)
  indicators!: IndicatorRequest[];
}

export class SiteRequest {
  @ApiProperty({ maxLength: TEXT_LIMITS.name, example: 'Rue des Verrotières' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.name)
  name!: string;

  @ApiPropertyOptional({ pattern: INSEE_COMMUNE.source, example: '62193' })
  @IsOptionalNotNull()
  @Matches(INSEE_COMMUNE, { message: '$property must be an INSEE commune code (5 characters, not a postal code)' })
  commune?: string;
}

export class TerritoryRequest {
  @ApiProperty({ example: '62', description: 'Département code: 01–95, 2A, 2B, 971–976' })
  @IsDepartementCode()
  departement!: string;

  @ApiProperty({
    type: [String],
    maxItems: ARRAY_LIMITS.communes,
    example: ['62193'],
    description: 'INSEE commune codes (not postal codes); none means the whole département',
  })
  @IsArray()
  @ArrayMaxSize(ARRAY_LIMITS.communes)
  @Matches(INSEE_COMMUNE, { each: true, message: 'each value in $property must be an INSEE commune code (5 characters, not a postal code)' })
  communes!: string[];

  @ApiPropertyOptional({ type: () => [SiteRequest], maxItems: ARRAY_LIMITS.sites })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(ARRAY_LIMITS.sites)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SiteRequest)
  sites?: SiteRequest[];
}

/** Both days included. */
export class PeriodRequest {
  @ApiProperty({ type: String, format: 'date', example: '2017-07-27' })
  @IsCalendarDate()
  start!: string;

  @ApiProperty({ type: String, format: 'date', example: '2017-12-31' })
  @IsCalendarDate()
  end!: string;
}

export class InstalmentRequest {
  @ApiProperty({ type: String, format: 'date', example: '2017-08-15' })
  @IsCalendarDate()
  dueDate!: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_AMOUNT_CENTS, example: 6000000, description: 'Integer euro cents' })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_CENTS)
  amountCents!: number;
}

export class FinancingRequest {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_AMOUNT_CENTS, example: 12000000, description: 'Integer euro cents' })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_CENTS)
  amountCents!: number;

  @ApiProperty({ enum: FINANCING_NATURES, enumName: 'FinancingNature', example: 'cash' })
  @IsIn(FINANCING_NATURES)
  nature!: (typeof FINANCING_NATURES)[number];

  @ApiProperty({ enum: PAYMENT_TERMS, enumName: 'PaymentTerms', example: 'instalments' })
  @IsIn(PAYMENT_TERMS)
  paymentTerms!: (typeof PAYMENT_TERMS)[number];

  @ApiPropertyOptional({ type: () => [InstalmentRequest], minItems: 1, maxItems: ARRAY_LIMITS.instalments, description: 'Adds up to amountCents' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ARRAY_LIMITS.instalments)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => InstalmentRequest)
  schedule?: InstalmentRequest[];

  @ApiProperty({ enum: BUDGET_PROGRAMMES, enumName: 'BudgetProgramme', example: '177' })
  @IsIn(BUDGET_PROGRAMMES)
  programme!: (typeof BUDGET_PROGRAMMES)[number];

  @ApiPropertyOptional({ pattern: CHORUS_COMMITMENT.source, example: '2100456789', description: 'Chorus legal commitment number' })
  @IsOptionalNotNull()
  @Matches(CHORUS_COMMITMENT, { message: '$property must be 10 digits' })
  chorusCommitment?: string;
}

/** Only salaried FTE are funded staff; volunteers are recorded, never counted. */
export class StaffingRequest {
  @ApiProperty({ minimum: 0, maximum: MAX_FTE, example: 6, description: 'Salaried full-time equivalents, at most 2 decimals' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_FTE)
  salariedFte!: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1_000_000, example: 12 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  volunteers?: number;
}

export class LinkedObligationRequest {
  @ApiProperty({ format: 'uuid', example: '0190f1c2-7a3b-7c4d-9e5f-6a7b8c9d0e1f' })
  @IsUuid()
  complianceCaseId!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: 'art-2' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reference)
  obligationId!: string;
}

export class IndicatorValueRequest {
  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: 'minors_found', description: 'An indicator declared by the mandate' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reference)
  name!: string;

  @ApiProperty({ minimum: MEASURE.min, maximum: MEASURE.max, example: 143 })
  @IsNumber({ maxDecimalPlaces: MEASURE.maxDecimalPlaces })
  @Min(MEASURE.min)
  @Max(MEASURE.max)
  value!: number;
}

/** What an activity report and a final report both carry: indicator values and the staff deployed. */
export abstract class ReportedFiguresRequest {
  @ApiProperty({ type: () => [IndicatorValueRequest], maxItems: ARRAY_LIMITS.indicators, example: [{ name: 'minors_found', value: 143 }] })
  @IsArray()
  @ArrayMaxSize(ARRAY_LIMITS.indicators)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => IndicatorValueRequest)
  indicators!: IndicatorValueRequest[];

  @ApiProperty({ type: () => StaffingRequest, example: { salariedFte: 6, volunteers: 12 } })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => StaffingRequest)
  staff!: StaffingRequest;
}
