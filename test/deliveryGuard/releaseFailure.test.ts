import { deduplicator, resetDeduplication } from '../harness/deduplication';
import { drop, keptJson } from './helpers';

const delivery = (id: string) => ({ event: 'customer.profile.updated', deliveryId: id });
beforeEach(() => resetDeduplication());

it('passes on the deliveries it recorded even when releasing the lock fails', async () => {
	const spy = jest.spyOn(deduplicator, 'clearAllProcessedItems').mockRejectedValueOnce(new Error('connection terminated'));
	try {
		const first = await drop([delivery('a')]);
		expect(first.error).toBeUndefined();
		expect(keptJson(first.outputs).map((item) => item.deliveryId)).toEqual(['a']);
	} finally {
		spy.mockRestore();
	}
});
