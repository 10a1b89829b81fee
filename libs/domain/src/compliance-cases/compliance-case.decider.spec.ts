import { fold } from '../shared/decider';
import { complianceCaseStreamName } from '../shared/ids';
import {
  addObligation,
  appealDecided,
  attachEvidence,
  caseClosed,
  caseOpened,
  closeCase,
  consultationHeld,
  contested,
  evidenceAttached,
  linkMeasure,
  liquidatePenalty,
  maraudeObligation,
  markContested,
  markSatisfied,
  measureLinked,
  notified,
  obligationAdded,
  openCase,
  penaltyLiquidated,
  recordAppeal,
  recordConsultation,
  recordNotification,
  requestReview,
  reviewRequested,
  satisfied,
  sha256Of,
} from '../testing/compliance-case.fixtures';
import { deciderSpecification } from '../testing/decider-specification';
import { complianceCaseDecider } from './compliance-case.decider';
import { ComplianceCaseEvent } from './compliance-case.events';
import { deadlineOf, obligationNamed, OpenedComplianceCase } from './compliance-case.state';

const given = deciderSpecification(complianceCaseDecider);

const water = { obligationId: 'art-3-water', missionType: 'WATER_ACCESS', article: 'art. 3', text: 'créer plusieurs points d’eau' } as const;
const opened = [caseOpened()];
const withObligation = [caseOpened(), obligationAdded()];
const modifiedOnAppeal = appealDecided({ outcome: 'modified', supersedes: ['art-2-maraude'] });
const caseAfter = (...events: ComplianceCaseEvent[]) => fold(complianceCaseDecider, events) as OpenedComplianceCase;

describe('compliance case decider', () => {
  it('names the stream compliance_case-<id>', () => expect(complianceCaseStreamName('c1')).toBe('compliance_case-c1'));

  describe('opening a case', () => {
    it('opens a case from a court order', () => given([]).when(openCase()).then([caseOpened()]));

    it('records each case number once', () =>
      given([]).when(openCase({ caseNumbers: ['1705379', '1705379'] })).then([caseOpened()]));

    it('names the parties, each once, in the order given', () =>
      given([])
        .when(openCase({ parties: { applicants: ["L'Auberge des migrants", 'Utopia 56', 'Utopia 56'], defendants: ['Préfet du Pas-de-Calais'] } }))
        .then([caseOpened({ parties: { applicants: ["L'Auberge des migrants", 'Utopia 56'], defendants: ['Préfet du Pas-de-Calais'] } })]));

    it('refuses a party without a name', () =>
      given([]).when(openCase({ parties: { applicants: [' '] } })).thenThrows('INVALID_FIELD'));

    it('cannot open the same case twice', () => given(opened).when(openCase()).thenThrows('COMPLIANCE_CASE_ALREADY_OPENED'));

    it('refuses a procedure outside the list', () => given([]).when(openCase({ procedure: 'référé' })).thenThrows('INVALID_FIELD'));

    it('needs at least one case number', () => given([]).when(openCase({ caseNumbers: [] })).thenThrows('INVALID_FIELD'));

    it('needs the court', () => given([]).when(openCase({ court: ' ' })).thenThrows('INVALID_FIELD'));

    it('refuses a decision date not on the calendar', () => given([]).when(openCase({ decisionDate: '2017-06-31' })).thenThrows('INVALID_DATE'));

    it('refuses a decision in the future', () => given([]).when(openCase({ decisionDate: '2018-02-01' })).thenThrows('DATE_IN_FUTURE'));
  });

  describe('recording an appellate decision', () => {
    it('records that the Conseil d’État upheld the order', () => given(opened).when(recordAppeal()).then([appealDecided()]));

    it('records a modification that supersedes an obligation from its date', () => {
      given(withObligation).when(recordAppeal({ outcome: 'modified', supersedes: ['art-2-maraude'] })).then([modifiedOnAppeal]);
      expect(obligationNamed(caseAfter(...withObligation, modifiedOnAppeal), 'art-2-maraude')?.supersededBy).toEqual({ on: '2017-07-31', decision: '412125' });
    });

    it('cannot supersede anything when it upholds the order', () =>
      given(withObligation).when(recordAppeal({ supersedes: ['art-2-maraude'] })).thenThrows('UPHELD_SUPERSEDES_NOTHING'));

    it('cannot supersede an obligation the case does not hold', () =>
      given(withObligation).when(recordAppeal({ outcome: 'modified', supersedes: ['art-9'] })).thenThrows('OBLIGATION_NOT_FOUND'));

    it('cannot supersede an obligation twice', () =>
      given([...withObligation, modifiedOnAppeal])
        .when(recordAppeal({ caseNumbers: ['415000'], decisionDate: '2017-09-01', outcome: 'modified', supersedes: ['art-2-maraude'] }))
        .thenThrows('OBLIGATION_SUPERSEDED'));

    it('cannot precede the decision appealed', () => given(opened).when(recordAppeal({ decisionDate: '2017-06-25' })).thenThrows('DATE_BEFORE_DECISION'));

    it('cannot reuse a case number of the case', () => given(opened).when(recordAppeal({ caseNumbers: ['1705379'] })).thenThrows('CASE_NUMBER_ALREADY_RECORDED'));

    it('refuses an outcome outside upheld and modified', () => given(opened).when(recordAppeal({ outcome: 'annulled' })).thenThrows('INVALID_FIELD'));

    it('cannot be recorded on a case never opened', () => given([]).when(recordAppeal()).thenThrows('COMPLIANCE_CASE_NOT_FOUND'));
  });

  describe('adding an obligation', () => {
    it('adds an article of the order with its deadline and penalty', () => given(opened).when(addObligation()).then([obligationAdded()]));

    it('adds an obligation on a whole département, addressed to several authorities, due at once', () => {
      const changes = {
        ...water,
        addressees: [{ kind: 'prefet' }, { kind: 'commune', name: 'Commune de Calais' }, { kind: 'other', name: 'OFII' }],
        territory: { departement: '62', communes: [] },
        deadlineDays: 0,
        penaltyPerDayCents: 0,
      } as const;
      given(opened).when(addObligation(changes)).then([obligationAdded(changes)]);
    });

    it('adds an obligation of the appellate decision that replaces one of the order', () => {
      const replacing = { obligationId: 'ce-art-1', decision: '412171', supersedes: ['art-2-maraude'], deadlineDays: 15 };
      given([...withObligation, appealDecided({ outcome: 'modified' })]).when(addObligation(replacing)).then([obligationAdded(replacing)]);
      const complianceCase = caseAfter(...withObligation, appealDecided({ outcome: 'modified' }), obligationAdded(replacing));
      expect(obligationNamed(complianceCase, 'art-2-maraude')?.supersededBy).toEqual({ on: '2017-07-31', decision: '412171', obligationId: 'ce-art-1' });
      expect(obligationNamed(complianceCase, 'ce-art-1')?.orderedOn).toBe('2017-07-31');
    });

    it('records an obligation as continuing, under a penalty of its own, when the order says no more', () =>
      given(opened).when(addObligation()).then([obligationAdded({ oneOff: false, penaltyScope: 'obligation' })]));

    it('records a one-off obligation under a penalty shared by its article, from a date the order sets', () => {
      const terms = { ...water, oneOff: true, penaltyScope: 'article', penaltyStartsOn: '2017-07-15' } as const;
      given(opened).when(addObligation(terms)).then([obligationAdded(terms)]);
    });

    it('adds an obligation to a shared penalty with the same amount a day and start', () => {
      const shared = { penaltyScope: 'decision', penaltyStartsOn: '2017-07-15' } as const;
      given([...opened, obligationAdded(shared)]).when(addObligation({ ...water, ...shared })).then([obligationAdded({ ...water, ...shared })]);
    });

    it('refuses an obligation joining a shared penalty with another amount a day', () =>
      given([...opened, obligationAdded({ penaltyScope: 'decision' })])
        .when(addObligation({ ...water, penaltyScope: 'decision', penaltyPerDayCents: 5_000 }))
        .thenThrows('PENALTY_MISMATCH'));

    it('refuses an obligation joining a shared penalty with another start', () =>
      given([...opened, obligationAdded({ article: 'art. 3', penaltyScope: 'article' })])
        .when(addObligation({ ...water, penaltyScope: 'article', penaltyStartsOn: '2017-07-15' }))
        .thenThrows('PENALTY_MISMATCH'));

    it('lets obligations of other articles keep penalties of their own amounts', () =>
      given([...opened, obligationAdded({ penaltyScope: 'article' })])
        .when(addObligation({ ...water, penaltyScope: 'article', penaltyPerDayCents: 5_000 }))
        .then([obligationAdded({ ...water, penaltyScope: 'article', penaltyPerDayCents: 5_000 })]));

    it('refuses a penalty scope other than obligation, article and decision', () =>
      given(opened).when(addObligation({ penaltyScope: 'case' })).thenThrows('INVALID_FIELD'));

    it('refuses a one-off flag that is not true or false', () => given(opened).when(addObligation({ oneOff: 'yes' })).thenThrows('INVALID_FIELD'));

    it('refuses a penalty start not on the calendar', () => given(opened).when(addObligation({ penaltyStartsOn: '2017-07-32' })).thenThrows('INVALID_DATE'));

    it('refuses a penalty starting before the decision that orders it', () =>
      given(opened).when(addObligation({ penaltyStartsOn: '2017-06-25' })).thenThrows('DATE_BEFORE_DECISION'));

    it('cannot add the same obligation twice', () => given(withObligation).when(addObligation()).thenThrows('OBLIGATION_ALREADY_ADDED'));

    it('must name a decision of the case', () => given(opened).when(addObligation({ decision: '412125' })).thenThrows('DECISION_NOT_FOUND'));

    it('cannot supersede an obligation of a later decision', () =>
      given([caseOpened(), appealDecided({ outcome: 'modified' }), obligationAdded({ obligationId: 'ce-art-1', decision: '412125' })])
        .when(addObligation({ supersedes: ['ce-art-1'] }))
        .thenThrows('DATE_BEFORE_DECISION'));

    it('cannot supersede an obligation already superseded', () =>
      given([...withObligation, modifiedOnAppeal]).when(addObligation({ ...water, decision: '412125', supersedes: ['art-2-maraude'] }))
        .thenThrows('OBLIGATION_SUPERSEDED'));

    it.each([-1, 2.5, '10'])('refuses a deadline of %p days', (deadlineDays) =>
      given(opened).when(addObligation({ deadlineDays })).thenThrows('INVALID_DEADLINE'));

    it.each([-100, 99.5])('refuses a penalty of %p cents a day', (penaltyPerDayCents) =>
      given(opened).when(addObligation({ penaltyPerDayCents })).thenThrows('INVALID_AMOUNT'));

    it('refuses a mission type outside the closed list', () => given(opened).when(addObligation({ missionType: 'WATER' })).thenThrows('INVALID_FIELD'));

    it('needs an addressee', () => given(opened).when(addObligation({ addressees: [] })).thenThrows('INVALID_FIELD'));

    it('refuses an addressee outside the list', () => given(opened).when(addObligation({ addressees: [{ kind: 'ministre' }] })).thenThrows('INVALID_FIELD'));

    it('needs the name of another addressee', () => given(opened).when(addObligation({ addressees: [{ kind: 'other' }] })).thenThrows('INVALID_FIELD'));

    it('refuses the same addressee twice', () =>
      given(opened).when(addObligation({ addressees: [{ kind: 'prefet' }, { kind: 'prefet' }] })).thenThrows('DUPLICATE_ADDRESSEE'));

    it('needs the verbatim text', () => given(opened).when(addObligation({ text: '' })).thenThrows('INVALID_FIELD'));

    it('refuses a code that is no INSEE commune code', () =>
      given(opened).when(addObligation({ territory: { departement: '62', communes: ['62000'] } })).thenThrows('INVALID_COMMUNE'));

    it('refuses a commune of another département', () =>
      given(opened).when(addObligation({ territory: { departement: '62', communes: ['59271'] } })).thenThrows('COMMUNE_OUTSIDE_DEPARTEMENT'));

    it('refuses an unknown département', () =>
      given(opened).when(addObligation({ territory: { departement: '20', communes: [] } })).thenThrows('INVALID_DEPARTEMENT'));
  });

  describe('recording the notification', () => {
    it('records the date the order was notified, which starts the deadlines', () => {
      given(withObligation).when(recordNotification()).then([notified()]);
      const complianceCase = caseAfter(...withObligation, notified());
      expect(deadlineOf(complianceCase, obligationNamed(complianceCase, 'art-2-maraude')!)).toEqual({ notifiedOn: '2017-06-28', deadline: '2017-07-08' });
    });

    it('has no deadline before the notification', () => {
      const complianceCase = caseAfter(...withObligation);
      expect(deadlineOf(complianceCase, obligationNamed(complianceCase, 'art-2-maraude')!)).toBeUndefined();
    });

    it('records the notification of an appellate decision by any of its numbers', () =>
      given([caseOpened(), appealDecided()]).when(recordNotification({ decision: '412171', notifiedOn: '2017-08-02' }))
        .then([notified({ decision: '412171', notifiedOn: '2017-08-02' })]));

    it('may notify on the day of the decision', () =>
      given(opened).when(recordNotification({ notifiedOn: '2017-06-26' })).then([notified({ notifiedOn: '2017-06-26' })]));

    it('refuses a notification before the decision', () =>
      given(opened).when(recordNotification({ notifiedOn: '2017-06-25' })).thenThrows('DATE_BEFORE_DECISION'));

    it('cannot notify a decision twice', () => given([...opened, notified()]).when(recordNotification()).thenThrows('DECISION_ALREADY_NOTIFIED'));

    it('must name a decision of the case', () => given(opened).when(recordNotification({ decision: '412125' })).thenThrows('DECISION_NOT_FOUND'));

    it('refuses a notification in the future', () => given(opened).when(recordNotification({ notifiedOn: '2018-03-01' })).thenThrows('DATE_IN_FUTURE'));

    it('refuses a date not on the calendar', () => given(opened).when(recordNotification({ notifiedOn: '28/06/2017' })).thenThrows('INVALID_DATE'));
  });

  describe('linking a measure', () => {
    it('links a mandate that implements an obligation from a date', () => given(withObligation).when(linkMeasure()).then([measureLinked()]));

    it('links a terminated mandate, for the time it was in force', () =>
      given(withObligation).when(linkMeasure({}, { status: 'terminated' })).then([measureLinked()]));

    it('links a measure from the decision date, before the notification', () =>
      given([...withObligation, notified()]).when(linkMeasure({ effectiveFrom: '2017-06-26' })).then([measureLinked({ effectiveFrom: '2017-06-26' })]));

    it('links a measure to a superseded obligation for the time it was in force', () =>
      given([...withObligation, modifiedOnAppeal]).when(linkMeasure({ effectiveFrom: '2017-07-30' })).then([measureLinked({ effectiveFrom: '2017-07-30' })]));

    it('cannot link a measure from the day the obligation was superseded', () =>
      given([...withObligation, modifiedOnAppeal]).when(linkMeasure({ effectiveFrom: '2017-07-31' })).thenThrows('OBLIGATION_SUPERSEDED'));

    it('cannot link a mandate never granted', () =>
      given(withObligation).when(linkMeasure({}, { status: 'not_granted' })).thenThrows('MANDATE_NOT_GRANTED'));

    it('cannot link the same mandate to the same obligation twice', () =>
      given([...withObligation, measureLinked()]).when(linkMeasure({ effectiveFrom: '2017-08-01' })).thenThrows('MEASURE_ALREADY_LINKED'));

    it('cannot link a measure to an obligation the case does not hold', () =>
      given(withObligation).when(linkMeasure({ obligationId: 'art-9' })).thenThrows('OBLIGATION_NOT_FOUND'));

    it('cannot link a measure from before the decision', () =>
      given(withObligation).when(linkMeasure({ effectiveFrom: '2017-06-01' })).thenThrows('DATE_BEFORE_DECISION'));
  });

  describe('attaching evidence', () => {
    it('records the SHA-256, title and date of a document about an obligation', () =>
      given(withObligation).when(attachEvidence({ obligationId: 'art-2-maraude' })).then([evidenceAttached({ obligationId: 'art-2-maraude' })]));

    it('records evidence about the case as a whole', () => given(opened).when(attachEvidence()).then([evidenceAttached()]));

    it.each([sha256Of('A'), sha256Of('a').slice(1), sha256Of('g'), undefined])('refuses %p as a SHA-256', (sha256) =>
      given(opened).when(attachEvidence({ sha256 })).thenThrows('INVALID_SHA256'));

    it('cannot attach the same document twice', () =>
      given([...opened, evidenceAttached()]).when(attachEvidence({ title: 'the same, renamed' })).thenThrows('EVIDENCE_ALREADY_ATTACHED'));

    it('cannot attach evidence to an obligation the case does not hold', () =>
      given(opened).when(attachEvidence({ obligationId: 'art-9' })).thenThrows('OBLIGATION_NOT_FOUND'));

    it('refuses a document dated in the future', () => given(opened).when(attachEvidence({ documentDate: '2018-02-01' })).thenThrows('DATE_IN_FUTURE'));

    it('needs a title', () => given(opened).when(attachEvidence({ title: '' })).thenThrows('INVALID_FIELD'));
  });

  describe('recording a consultation', () => {
    it('records a consultation with the parties, each named once', () =>
      given(opened).when(recordConsultation({ parties: ['Préfet du Pas-de-Calais', 'Commune de Calais', 'Secours catholique', 'Commune de Calais'] }))
        .then([consultationHeld()]));

    it('needs the parties', () => given(opened).when(recordConsultation({ parties: [] })).thenThrows('INVALID_FIELD'));

    it('needs a summary', () => given(opened).when(recordConsultation({ summary: ' ' })).thenThrows('INVALID_FIELD'));

    it('cannot be held before the decision', () => given(opened).when(recordConsultation({ heldOn: '2017-06-01' })).thenThrows('DATE_BEFORE_DECISION'));

    it('cannot be held in the future', () => given(opened).when(recordConsultation({ heldOn: '2018-06-01' })).thenThrows('DATE_IN_FUTURE'));
  });

  describe('marking an obligation satisfied or contested', () => {
    it('marks an obligation satisfied', () => given(withObligation).when(markSatisfied()).then([satisfied()]));

    it('records a contestation of a satisfied obligation', () => given([...withObligation, satisfied()]).when(markContested()).then([contested()]));

    it('marks a contested obligation satisfied again', () =>
      given([...withObligation, satisfied(), contested()]).when(markSatisfied({ satisfiedOn: '2017-11-01' })).then([satisfied({ satisfiedOn: '2017-11-01' })]));

    it('cannot mark an obligation satisfied twice in a row', () =>
      given([...withObligation, satisfied()]).when(markSatisfied({ satisfiedOn: '2017-09-15' })).thenThrows('OBLIGATION_ALREADY_SATISFIED'));

    it('cannot record a contestation twice in a row', () =>
      given([...withObligation, contested()]).when(markContested({ contestedOn: '2017-10-12' })).thenThrows('OBLIGATION_ALREADY_CONTESTED'));

    it('cannot date a standing before the last one', () =>
      given([...withObligation, satisfied()]).when(markContested({ contestedOn: '2017-08-15' })).thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER'));

    it('cannot date it before the decision', () => given(withObligation).when(markSatisfied({ satisfiedOn: '2017-06-01' })).thenThrows('DATE_BEFORE_DECISION'));

    it('cannot date it in the future', () => given(withObligation).when(markSatisfied({ satisfiedOn: '2018-06-01' })).thenThrows('DATE_IN_FUTURE'));

    it('cannot mark an obligation once superseded', () =>
      given([...withObligation, modifiedOnAppeal]).when(markSatisfied()).thenThrows('OBLIGATION_SUPERSEDED'));

    it('cannot mark an obligation the case does not hold', () =>
      given(withObligation).when(markSatisfied({ obligationId: 'art-9' })).thenThrows('OBLIGATION_NOT_FOUND'));

    it('needs who contests', () => given(withObligation).when(markContested({ contestedBy: '' })).thenThrows('INVALID_FIELD'));

    it('needs a reason', () => given(withObligation).when(markSatisfied({ reason: '' })).thenThrows('INVALID_FIELD'));
  });

  describe('liquidating a penalty', () => {
    const running = [...withObligation, notified()];
    const sharedByArticle = [
      caseOpened(),
      obligationAdded({ article: 'art. 3', penaltyScope: 'article' }),
      obligationAdded({ ...water, penaltyScope: 'article' }),
      notified(),
    ];

    it('records the judge’s liquidation: days, amount, moderation and the State’s share', () =>
      given(running).when(liquidatePenalty()).then([penaltyLiquidated()]));

    it('records a liquidation at the full amount, without moderation', () => {
      const { moderation: _, ...full } = penaltyLiquidated({ amountCents: 180_000, stateShareCents: 0 }).data;
      given(running).when(liquidatePenalty({ amountCents: 180_000, stateShareCents: 0, moderation: undefined }))
        .then([{ type: 'CompliancePenaltyLiquidated', schemaVersion: 1, data: full }]);
    });

    it('liquidates later days after earlier ones', () =>
      given([...running, penaltyLiquidated()]).when(liquidatePenalty({ period: { from: '2017-07-27', to: '2017-08-31' } }))
        .then([penaltyLiquidated({ period: { from: '2017-07-27', to: '2017-08-31' } })]));

    it('liquidates a penalty shared by an article through any of its obligations', () =>
      given(sharedByArticle).when(liquidatePenalty({ obligationId: 'art-3-water' })).then([penaltyLiquidated({ obligationId: 'art-3-water' })]));

    it('cannot liquidate days of a shared penalty already liquidated through another of its obligations', () =>
      given([...sharedByArticle, penaltyLiquidated()]).when(liquidatePenalty({ obligationId: 'art-3-water', period: { from: '2017-07-20', to: '2017-07-31' } }))
        .thenThrows('DAYS_ALREADY_LIQUIDATED'));

    it('cannot liquidate the same days twice', () =>
      given([...running, penaltyLiquidated()]).when(liquidatePenalty()).thenThrows('DAYS_ALREADY_LIQUIDATED'));

    it('cannot liquidate where the court set no penalty', () =>
      given([caseOpened(), obligationAdded({ penaltyPerDayCents: 0 }), notified()]).when(liquidatePenalty()).thenThrows('NO_PENALTY_ORDERED'));

    it('cannot liquidate a penalty before the decision is notified', () => given(withObligation).when(liquidatePenalty()).thenThrows('PENALTY_NOT_RUNNING'));

    it('cannot liquidate days before the penalty runs', () =>
      given(running).when(liquidatePenalty({ period: { from: '2017-07-08', to: '2017-07-26' } })).thenThrows('PENALTY_NOT_RUNNING'));

    it('cannot liquidate days after its own date', () =>
      given(running).when(liquidatePenalty({ period: { from: '2017-07-09', to: '2017-10-21' } })).thenThrows('DAYS_AFTER_LIQUIDATION'));

    it('cannot liquidate more than the amount a day over the days liquidated', () =>
      given(running).when(liquidatePenalty({ amountCents: 180_001 })).thenThrows('LIQUIDATION_EXCEEDS_PENALTY'));

    it('refuses a State share above the amount liquidated', () =>
      given(running).when(liquidatePenalty({ stateShareCents: 120_001 })).thenThrows('STATE_SHARE_EXCEEDS_AMOUNT'));

    it.each([
      ['an amount', { amountCents: -1 }],
      ['an amount', { amountCents: 1.5 }],
      ['a State share', { stateShareCents: -1 }],
    ])('refuses %s that is not whole cents', (_, changes) => given(running).when(liquidatePenalty(changes)).thenThrows('INVALID_AMOUNT'));

    it('refuses a period that ends before it starts', () =>
      given(running).when(liquidatePenalty({ period: { from: '2017-07-26', to: '2017-07-09' } })).thenThrows('INVALID_PERIOD'));

    it('needs the days liquidated', () => given(running).when(liquidatePenalty({ period: null })).thenThrows('INVALID_FIELD'));

    it('refuses a liquidation dated in the future', () =>
      given(running).when(liquidatePenalty({ liquidatedOn: '2018-02-01' })).thenThrows('DATE_IN_FUTURE'));

    it('refuses a liquidation date not on the calendar', () => given(running).when(liquidatePenalty({ liquidatedOn: '2017-10-32' })).thenThrows('INVALID_DATE'));

    it('needs the reference of the liquidating decision', () => given(running).when(liquidatePenalty({ decisionReference: ' ' })).thenThrows('INVALID_FIELD'));

    it('refuses empty grounds of moderation', () => given(running).when(liquidatePenalty({ moderation: '' })).thenThrows('INVALID_FIELD'));

    it('cannot liquidate the penalty of an obligation the case does not hold', () =>
      given(running).when(liquidatePenalty({ obligationId: 'art-9' })).thenThrows('OBLIGATION_NOT_FOUND'));

    it('cannot liquidate on a case never opened', () => given([]).when(liquidatePenalty()).thenThrows('COMPLIANCE_CASE_NOT_FOUND'));

    it('keeps the liquidations in the state', () => {
      const { complianceCaseId: _, ...liquidation } = penaltyLiquidated().data;
      expect(caseAfter(...running, penaltyLiquidated()).liquidations).toEqual([liquidation]);
    });
  });

  describe('requesting a consultation or a review', () => {
    const upheld = [...withObligation, appealDecided()];

    it('records a review the appellate decision asks for by a date, about an obligation', () =>
      given(upheld).when(requestReview()).then([reviewRequested()]));

    it('records a consultation about the whole case', () =>
      given(upheld).when(requestReview({ reviewId: 'consultation-1', kind: 'consultation', obligationIds: undefined }))
        .then([reviewRequested({ reviewId: 'consultation-1', kind: 'consultation', obligationIds: [] })]));

    it('keeps it in the state with the date of the decision that asks for it', () => {
      const { complianceCaseId: _, ...review } = reviewRequested().data;
      expect(caseAfter(...upheld, reviewRequested()).reviews).toEqual([{ ...review, requestedOn: '2017-07-31' }]);
    });

    it('cannot request the same review twice', () => given([...upheld, reviewRequested()]).when(requestReview()).thenThrows('REVIEW_ALREADY_REQUESTED'));

    it('must name a decision of the case', () => given(withObligation).when(requestReview()).thenThrows('DECISION_NOT_FOUND'));

    it('cannot be due before the decision that asks for it', () =>
      given(upheld).when(requestReview({ dueOn: '2017-07-30' })).thenThrows('DATE_BEFORE_DECISION'));

    it('refuses a kind other than consultation and bilan', () => given(upheld).when(requestReview({ kind: 'audit' })).thenThrows('INVALID_FIELD'));

    it('refuses a due date not on the calendar', () => given(upheld).when(requestReview({ dueOn: '31/08/2017' })).thenThrows('INVALID_DATE'));

    it('needs its subject', () => given(upheld).when(requestReview({ subject: '' })).thenThrows('INVALID_FIELD'));

    it('needs an id', () => given(upheld).when(requestReview({ reviewId: ' ' })).thenThrows('INVALID_FIELD'));

    it('cannot be about an obligation the case does not hold', () =>
      given(upheld).when(requestReview({ obligationIds: ['art-9'] })).thenThrows('OBLIGATION_NOT_FOUND'));

    it('cannot be requested on a case never opened', () => given([]).when(requestReview()).thenThrows('COMPLIANCE_CASE_NOT_FOUND'));
  });

  describe('closing the case', () => {
    const closed = [...withObligation, caseClosed()];

    it('closes the case', () => given(withObligation).when(closeCase()).then([caseClosed()]));

    it('cannot close a case twice', () => given(closed).when(closeCase()).thenThrows('COMPLIANCE_CASE_CLOSED'));

    it('cannot close before the last appellate decision', () =>
      given([...opened, appealDecided()]).when(closeCase({ closedOn: '2017-07-30' })).thenThrows('DATE_BEFORE_DECISION'));

    it('cannot close on a future date', () => given(opened).when(closeCase({ closedOn: '2018-02-01' })).thenThrows('DATE_IN_FUTURE'));

    it('cannot close a case never opened', () => given([]).when(closeCase()).thenThrows('COMPLIANCE_CASE_NOT_FOUND'));

    it.each([
      ['an appellate decision', recordAppeal()],
      ['an obligation', addObligation({ obligationId: 'art-4' })],
      ['a notification', recordNotification()],
      ['a measure', linkMeasure()],
      ['evidence', attachEvidence()],
      ['a consultation', recordConsultation()],
      ['a satisfaction', markSatisfied()],
      ['a contestation', markContested()],
      ['a liquidation', liquidatePenalty()],
      ['a request for a review', requestReview()],
    ])('takes no more %s once closed', (_, command) => given(closed).when(command).thenThrows('COMPLIANCE_CASE_CLOSED'));
  });

  it('keeps the obligation as recorded in the state', () =>
    expect(obligationNamed(caseAfter(...withObligation, measureLinked(), satisfied()), 'art-2-maraude')).toEqual({
      ...maraudeObligation,
      orderedOn: '2017-06-26',
      measures: [{ mandateId: 'mandate-maraude', effectiveFrom: '2017-07-27' }],
      assessments: [{ kind: 'satisfied', on: '2017-09-01', reason: 'maraude held daily since 27 July' }],
    }));
});
