export type OperatorId = string;
export type MandateId = string;

/** Stream names `<category>-<id>`, with no dash in the category (EventStoreDB splits on the first). */
export const operatorStreamName = (id: OperatorId) => `operator-${id}`;
export const mandateStreamName = (id: MandateId) => `mandate-${id}`;
