import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal';
import type { MandateView } from './mandate.view';

export class GetMandateQuery extends Query<MandateView> {
  constructor(
    readonly mandateId: string,
    readonly principal: Principal,
    readonly on: string,
    readonly asKnownAt?: string,
  ) {
    super();
  }
}
