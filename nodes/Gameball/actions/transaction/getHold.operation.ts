import { holdReferenceOperation } from '../../helpers/holdReference';

export const getHold = holdReferenceOperation('getHold', 'Get Hold', 'Get held points', 'GET /transactions/hold/{holdReferenceId}');
