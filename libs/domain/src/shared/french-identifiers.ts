const luhn = (digits: string): boolean => {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
};

const digitSum = (digits: string) => [...digits].reduce((sum, d) => sum + Number(d), 0);

const LA_POSTE_SIREN = '356000000';

/** SIREN: 9 digits passing the Luhn check. */
export const isValidSiren = (value: string): boolean => typeof value === 'string' && /^\d{9}$/.test(value) && luhn(value);

/**
 * SIRET: 14 digits passing the Luhn check. La Poste's establishments (SIREN 356000000) are too
 * many for the Luhn key alone: INSEE numbers them so that the digits sum to a multiple of 5.
 */
export const isValidSiret = (value: string): boolean =>
  typeof value === 'string' && /^\d{14}$/.test(value) && (luhn(value) || (value.startsWith(LA_POSTE_SIREN) && digitSum(value) % 5 === 0));

export const sirenOfSiret = (siret: string): string => siret.slice(0, 9);

/** RNA (Répertoire national des associations) number. */
export const isValidRna = (value: string): boolean => typeof value === 'string' && /^W\d{9}$/.test(value);

const OVERSEAS_DEPARTEMENTS = ['971', '972', '973', '974', '975', '976'];

/** Département codes: 01–95 without 20, Corsica 2A and 2B, overseas 971–976. */
export const isValidDepartementCode = (value: string): boolean =>
  (typeof value === 'string' && /^\d{2}$/.test(value) && value !== '00' && value !== '20' && Number(value) <= 95) ||
  value === '2A' ||
  value === '2B' ||
  OVERSEAS_DEPARTEMENTS.includes(value);

/** The département of an INSEE commune code (`62193` → `62`, `97411` → `974`). */
export const departementOfCommune = (code: string): string => (code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2));

/**
 * INSEE commune code (code officiel géographique), not a postal code: département prefix, then the
 * commune's number in it, never 0 (Calais 62193, Grande-Synthe 59271, Ajaccio 2A004).
 */
export const isValidInseeCommuneCode = (value: string): boolean => {
  if (typeof value !== 'string' || !/^(\d{2}|2A|2B)\d{3}$/.test(value)) return false;
  const departement = departementOfCommune(value);
  return isValidDepartementCode(departement) && Number(value.slice(departement.length)) > 0;
};

/**
 * CPV code `12345678-9`: format only. The check digit is not verified because the published codes
 * do not follow the documented algorithm (confirmed by the Publications Office, OP-TED/ePO #589).
 */
export const CPV_CODE = /^\d{8}-\d$/;
export const isValidCpvCode = (value: string): boolean => typeof value === 'string' && CPV_CODE.test(value);

/** A Chorus Pro legal commitment number (engagement juridique): 10 digits. */
export const CHORUS_COMMITMENT = /^\d{10}$/;

// ISO 639-1: the 183 two-letter codes.
const ISO_639_1 = new Set(
  ('aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo ' +
    'es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka ' +
    'kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng ' +
    'nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su ' +
    'sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu').split(' '),
);

/**
 * An ISO 639-1 code from the list, or a three-letter ISO 639-2/3 code (format only): languages
 * spoken in Calais such as Dari (`prs`) and Sorani (`ckb`) have no two-letter code.
 */
export const isValidLanguageCode = (value: string): boolean =>
  typeof value === 'string' && (ISO_639_1.has(value) || /^[a-z]{3}$/.test(value));
