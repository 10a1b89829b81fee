import { type CalendarDate, departementOfCommune, type GrantedMandate, isAfter, type Procurement } from '@mandate-ledger/domain';
import { euros, financingDecisionsOf, mandateOf, monthsOf, objectOf, type OpenDataSource } from './open-data-source';

/** A public contract's essential data as DECP 2.0.3 defines a `marche`. */
export interface DecpMarche {
  readonly id: string;
  readonly acheteur: { readonly id: string };
  readonly nature: 'Marché';
  readonly objet: string;
  readonly codeCPV: string;
  readonly techniques: { readonly technique: readonly string[] };
  readonly modalitesExecution: { readonly modaliteExecution: readonly string[] };
  readonly marcheInnovant: boolean;
  readonly ccag: string;
  readonly offresRecues: number;
  readonly attributionAvance: boolean;
  readonly tauxAvance?: number;
  readonly typeGroupementOperateurs: string;
  readonly sousTraitanceDeclaree: boolean;
  readonly procedure: string;
  readonly lieuExecution: { readonly code: string; readonly typeCode: 'Code commune' | 'Code département' };
  readonly dureeMois: number;
  readonly dateNotification: CalendarDate;
  readonly datePublicationDonnees: CalendarDate;
  readonly montant: number;
  readonly typesPrix: { readonly typePrix: readonly string[] };
  readonly formePrix: string;
  readonly titulaires: readonly { readonly titulaire: { readonly typeIdentifiant: 'SIRET'; readonly id: string } }[];
  readonly considerationsSociales: { readonly considerationSociale: readonly string[] };
  readonly considerationsEnvironnementales: { readonly considerationEnvironnementale: readonly string[] };
  readonly modifications?: readonly { readonly modification: DecpModification }[];
}

export interface DecpModification {
  readonly id: number;
  readonly dateNotificationModification: CalendarDate;
  readonly datePublicationDonneesModification: CalendarDate;
  readonly dureeMois?: number;
  readonly montant?: number;
}

export interface DecpDocument {
  readonly marches: { readonly marche: readonly DecpMarche[] };
}

/** What the contract cost in all, in euros: every financing it holds. */
const totalEuros = (mandate: GrantedMandate): number => Number(euros(mandate.fundings.reduce((sum, { financing }) => sum + financing.amountCents, 0)));

const placeOf = (mandate: GrantedMandate): DecpMarche['lieuExecution'] => {
  const { communes, departement } = mandate.terms[0].territory;
  return communes.length > 0 && departementOfCommune(communes[0]) === departement
    ? { code: communes[0], typeCode: 'Code commune' }
    : { code: departement, typeCode: 'Code département' };
};

/**
 * DECP 2.0.3: the public contracts notified in `year` (those recorded with their procurement facts),
 * each with its initial data and, append-only, one modification per later decision on its amount or
 * its end (an amendment of the financing or the end, a renewal). `publishedOn` stands for the
 * publication of data not yet recorded as published: the day of the export.
 */
export const decpDocument = (sources: readonly OpenDataSource[], year: number, publishedOn: CalendarDate): DecpDocument => {
  const marche = sources.flatMap(({ events, operator }): DecpMarche[] => {
    const decisions = financingDecisionsOf(events);
    const grant = decisions[0];
    if (grant === undefined) return [];
    const { instrument } = grant.mandate;
    if (instrument.kind !== 'public_contract' || instrument.procurement === undefined || operator.siret === undefined) return [];
    const procurement: Procurement = instrument.procurement;
    if (!procurement.notificationDate.startsWith(`${year}-`)) return [];
    const published = mandateOf(events)!.publications.find((p) => p.dataset === 'decp')?.publishedOn ?? publishedOn;
    const modifications = decisions.slice(1).map(({ date, mandate }, i) => ({
      modification: {
        id: i + 1,
        dateNotificationModification: date,
        // Republished with the modification: on the recorded publication when it came later, else with this export.
        datePublicationDonneesModification: isAfter(published, date) ? published : publishedOn,
        dureeMois: monthsOf(mandate.period.start, mandate.period.end),
        montant: totalEuros(mandate),
      },
    }));
    const initial = grant.mandate;
    return [{
      id: instrument.reference,
      acheteur: { id: initial.authority.siret },
      nature: 'Marché',
      objet: objectOf(initial, initial.period.start).slice(0, 1000),
      codeCPV: instrument.cpv,
      techniques: { technique: procurement.techniques },
      modalitesExecution: { modaliteExecution: procurement.executionModes },
      marcheInnovant: procurement.innovative,
      ccag: procurement.ccag,
      offresRecues: procurement.offersReceived,
      attributionAvance: procurement.advance.granted,
      ...(procurement.advance.granted && { tauxAvance: procurement.advance.rate ?? 0 }),
      typeGroupementOperateurs: procurement.grouping,
      sousTraitanceDeclaree: procurement.subcontractingDeclared,
      procedure: procurement.procedure,
      lieuExecution: placeOf(initial),
      dureeMois: monthsOf(initial.period.start, initial.period.end),
      dateNotification: procurement.notificationDate,
      datePublicationDonnees: published,
      montant: totalEuros(initial),
      typesPrix: { typePrix: procurement.priceTypes },
      formePrix: procurement.priceForm,
      titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: operator.siret } }],
      considerationsSociales: { considerationSociale: procurement.socialConsiderations },
      considerationsEnvironnementales: { considerationEnvironnementale: procurement.environmentalConsiderations },
      ...(modifications.length > 0 && { modifications }),
    }];
  });
  return { marches: { marche: marche.sort((a, b) => a.dateNotification.localeCompare(b.dateNotification) || a.id.localeCompare(b.id)) } };
};
