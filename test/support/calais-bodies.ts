import { maraudeGrant } from '../../libs/domain/src/testing/mandate.fixtures';
import { laVieActive as laVieActiveDetails } from '../../libs/domain/src/testing/operator.fixtures';

// HTTP bodies of the 27 July 2017 outreach agreement for minors in Calais, shared by the end-to-end
// suites and the api benchmark: the domain fixtures of DESIGN §4, as a client sends them.

/** `POST /operators`. */
export const laVieActive = structuredClone(laVieActiveDetails);

/** `POST /mandates` for the operator registered as `operatorId`; the server picks the mandate id. */
export const grantBody = (operatorId: string) => {
  const { mandateId: _mandateId, ...grant } = structuredClone(maraudeGrant);
  return { ...grant, operatorId };
};
