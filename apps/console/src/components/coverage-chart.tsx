import type { Interval, ReportObligation } from '../api/types';
import { frenchDate, money } from '../labels';
import { scaleOf } from './timeline';

const spans = (intervals: readonly Interval[]) => intervals.map((i) => `du ${frenchDate(i.from)} au ${frenchDate(i.to)}`).join(', ');

/**
 * An obligation's coverage over the report's period: days covered by a linked mandate in effect,
 * gaps, the mandates' suspensions, the notification and the deadline. The sentence under the bar
 * says the same for those who do not see it.
 */
export const CoverageChart = ({ obligation, period }: { obligation: ReportObligation; period: Interval }) => {
  const scale = scaleOf(period.from, period.to);
  const suspended = obligation.measures.flatMap((m) => m.suspended);
  return (
    <figure className="ml-coverage">
      <div className="ml-bar" aria-hidden="true">
        {obligation.covered.map((i) => (
          <span key={`c${i.from}`} className="ml-bar__segment ml-bar__segment--in-force" style={scale.segment(i)} />
        ))}
        {obligation.gaps.map((i) => (
          <span key={`g${i.from}`} className="ml-bar__segment ml-bar__segment--gap" style={scale.segment(i)} />
        ))}
        {suspended.map((i) => (
          <span key={`s${i.from}`} className="ml-bar__segment ml-bar__segment--suspended" style={scale.segment(i)} />
        ))}
        {obligation.notifiedOn && <span className="ml-bar__tick ml-bar__tick--notified" style={{ left: `${scale.at(obligation.notifiedOn)}%` }} />}
        {obligation.deadline && <span className="ml-bar__tick ml-bar__tick--deadline" style={{ left: `${scale.at(obligation.deadline)}%` }} />}
      </div>
      <div className="ml-bar__axis" aria-hidden="true">
        <span>{frenchDate(period.from)}</span>
        <span>{frenchDate(period.to)}</span>
      </div>
      <figcaption className="fr-text--sm">
        Notifiée le {frenchDate(obligation.notifiedOn)}, échéance le {frenchDate(obligation.deadline)}.{' '}
        {obligation.covered.length > 0 ? `Couverte ${spans(obligation.covered)}.` : 'Jamais couverte sur la période.'}{' '}
        {obligation.gaps.length > 0 ? `Lacunes ${spans(obligation.gaps)}.` : 'Aucune lacune.'} {suspended.length > 0 && `Suspensions ${spans(suspended)}.`} Retard :{' '}
        {obligation.daysLate} jour{obligation.daysLate > 1 ? 's' : ''}, astreinte encourue {money(obligation.penaltyExposureCents)} (au plus, avant liquidation).
      </figcaption>
    </figure>
  );
};
