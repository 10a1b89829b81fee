import type { OperatorDetails, OperatorState } from '@mandate-ledger/domain';

export interface OperatorView extends OperatorDetails {
  readonly id: string;
  readonly revision: number;
  readonly status: 'registered' | 'deregistered';
  readonly deregistration: { readonly effectiveFrom: string; readonly reason: string } | null;
}

export const operatorViewOf = (id: string, revision: bigint, operator: Exclude<OperatorState, { status: 'unregistered' }>): OperatorView => ({
  id,
  revision: Number(revision),
  status: operator.status,
  ...operator.details,
  deregistration: operator.status === 'deregistered' ? operator.deregistration : null,
});
