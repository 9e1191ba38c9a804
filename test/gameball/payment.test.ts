import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
	await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'payer' });
});
afterAll(async () => await sim.stop());

const payment = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'payment', operation, ...extra });
const lastRequest = () => sim.requests[sim.requests.length - 1];
const API = '/api/v4.0/integrations';

describe('Payment', () => {
	it('tracks a payment with its details at the given date, and rewards cashback', async () => {
		const { outputs, error } = await runGameball(
			credentials,
			payment('track', {
				customerId: 'payer',
				paymentId: 'p-1',
				paymentDate: '2026-11-01T10:00:00.000Z',
				totalPaid: 60,
				additionalFields: {
					channel: 'mobile',
					totalProcessingFees: 1.5,
					paymentDetails: '[{"serviceId": "s1", "serviceName": "Top-up", "amount": 60}]',
					cashbackConfigurations: '{"returnWindow": 0}',
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(lastRequest().path).toBe(`${API}/payments`);
		expect(lastRequest().body).toEqual({
			customerId: 'payer',
			paymentId: 'p-1',
			paymentDate: '2026-11-01T10:00:00.000Z',
			totalPaid: 60,
			channel: 'mobile',
			totalProcessingFees: 1.5,
			paymentDetails: [{ serviceId: 's1', serviceName: 'Top-up', amount: 60 }],
			cashbackConfigurations: { returnWindow: 0 },
		});
		expect(outputs[0][0].json).toMatchObject({ customerId: 'payer', rewardedPoints: 60 });
		expect(outputs[0][0].pairedItem).toEqual({ item: 0 });
	});

	it('reports a repeated payment ID, an unknown customer and a bad date', async () => {
		const repeat = await runGameball(credentials, payment('track', { customerId: 'payer', paymentId: 'p-1', totalPaid: 1 }));
		expect(repeat.error?.message).toMatch(/^9004: /);
		const unknown = await runGameball(credentials, payment('track', { customerId: 'nobody', paymentId: 'p-2', totalPaid: 1 }));
		expect(unknown.error?.message).toBe('7000: customer not found');
		const before = sim.requests.length;
		const badDate = await runGameball(credentials, payment('track', { customerId: 'payer', paymentId: 'p-3', paymentDate: 'yesterday', totalPaid: 1 }));
		expect(badDate.error?.message).toBe('"Payment Date" is not a valid date: yesterday');
		expect(sim.requests.length).toBe(before);
	});

	it('calculates the cashback of a payment, and refuses payment details that are not an array', async () => {
		const { outputs, error } = await runGameball(
			credentials,
			payment('calculateCashback', { totalPaid: 40, additionalFields: { customerId: 'payer', paymentDetails: '[{"serviceId": "s1", "amount": 40}]' } }),
		);
		expect(error).toBeUndefined();
		expect(lastRequest().path).toBe(`${API}/payments/cashback`);
		expect(lastRequest().body).toEqual({ totalPaid: 40, customerId: 'payer', paymentDetails: [{ serviceId: 's1', amount: 40 }] });
		expect(outputs[0][0].json.totalPoints).toBe(40);

		const before = sim.requests.length;
		const bad = await runGameball(credentials, payment('calculateCashback', { totalPaid: 40, additionalFields: { paymentDetails: '{"serviceId": "s1"}' } }));
		expect(bad.error?.message).toBe('"Payment Details (JSON)" must be a JSON array');
		expect(sim.requests.length).toBe(before);
	});

	it('sends payment details typed as Gameball wants them: an amount given as text as a number, a service ID given as a number as text', async () => {
		const { error } = await runGameball(
			credentials,
			payment('calculateCashback', { totalPaid: 40, additionalFields: { customerId: 'payer', paymentDetails: '[{"serviceId": 12, "amount": "40", "tax": "2.5"}]' } }),
		);
		expect(error).toBeUndefined();
		expect(lastRequest().body).toStrictEqual({ totalPaid: 40, customerId: 'payer', paymentDetails: [{ serviceId: '12', amount: 40, tax: 2.5 }] });
	});
});
