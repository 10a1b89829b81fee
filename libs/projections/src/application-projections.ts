import { complianceCasesProjection } from './compliance-cases/compliance-cases.projection';
import { historyProjection } from './history/history.projection';
import { mandatesBoardProjection } from './mandates-board/mandates-board.projection';
import { operatorsProjection } from './operators/operators.projection';
import type { Projection } from './projection';

/** Every read model of the application, as the API's runtime and `projections rebuild` run them. */
export const APPLICATION_PROJECTIONS: readonly Projection<unknown>[] = [
  mandatesBoardProjection as Projection<unknown>,
  operatorsProjection as Projection<unknown>,
  historyProjection as Projection<unknown>,
  complianceCasesProjection as Projection<unknown>,
];
