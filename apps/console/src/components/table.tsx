import type { ReactNode } from 'react';

/**
 * A DSFR table. On a narrow screen it scrolls sideways inside its container, which therefore takes
 * the focus (so that keyboard users can scroll it) and is named after the table's caption.
 */
export const DataTable = ({ caption, hideCaption = false, children, className = '' }: { caption: string; hideCaption?: boolean; children: ReactNode; className?: string }) => (
  <div className={`fr-table ml-table${hideCaption ? ' fr-table--no-caption' : ''} ${className}`}>
    <div className="fr-table__wrapper">
      <div className="fr-table__container" tabIndex={0} role="region" aria-label={caption}>
        <div className="fr-table__content">
          <table>
            <caption>{caption}</caption>
            {children}
          </table>
        </div>
      </div>
    </div>
  </div>
);
