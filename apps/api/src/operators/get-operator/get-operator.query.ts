import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal';
import type { OperatorView } from './operator.view';

export class GetOperatorQuery extends Query<OperatorView> {
  constructor(
    readonly operatorId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}
