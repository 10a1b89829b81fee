import { apiPath, get } from './client';
import type { OperatorListItem, Page } from './types';

let all: Promise<ReadonlyMap<string, OperatorListItem>> | undefined;

/** Every operator the person may read, by id (names for the board), loaded once per session and page by page. */
export const operatorsById = (): Promise<ReadonlyMap<string, OperatorListItem>> => {
  all ??= (async () => {
    const byId = new Map<string, OperatorListItem>();
    for (let page = 1; ; page++) {
      const answer = await get<Page<OperatorListItem>>(apiPath('/operators', { page, pageSize: 200 }));
      for (const operator of answer.items) byId.set(operator.id, operator);
      if (page * answer.pageSize >= answer.total) return byId;
    }
  })().catch((error: unknown) => {
    all = undefined;
    throw error;
  });
  return all;
};

/** After a registration or a sign-out: read them again next time. */
export const forgetOperators = (): void => {
  all = undefined;
};
