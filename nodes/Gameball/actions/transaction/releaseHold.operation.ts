import { holdReferenceOperation } from '../../helpers/holdReference';

export const releaseHold = holdReferenceOperation(
	'releaseHold',
	'Release Hold',
	'Release held points back to the customer',
	'DELETE /transactions/hold/{holdReferenceId}',
);
