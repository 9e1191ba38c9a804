// A credential without a Secret Key makes every delivery a 401: that is the merchant's set-up, and the log says so.
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

import { CREDENTIALS, newTrigger, profilePayload, signedRequest } from './fixtures';

const warnings: string[] = [];
let original: Logger;

beforeAll(() => {
	original = Container.get(Logger);
	const ignore = () => undefined;
	const recorder = { error: ignore, info: ignore, debug: ignore, warn: (message: string) => warnings.push(message), scoped: () => recorder };
	Container.set(Logger, recorder as unknown as Logger);
});
afterAll(() => Container.set(Logger, original));
beforeEach(() => (warnings.length = 0));

it('warns once a minute per node that every delivery is refused for want of a Secret Key; a forged delivery warns nothing', async () => {
	const withoutSecret = { gameballApi: { ...CREDENTIALS.gameballApi, secretKey: '' } };
	const trigger = newTrigger({}, {}, withoutSecret);
	for (const customer of ['a', 'b', 'c']) {
		const result = await trigger.deliver(signedRequest(profilePayload({ customer_id: customer })));
		expect(result).toMatchObject({ status: 401, sent: { message: 'signature-no-secret' } });
	}
	expect(warnings).toEqual([expect.stringContaining('the Gameball API credential has no Secret Key')]);

	// Another node has its own warning; a forged signature on a node with a key is an attacker's, not a set-up error.
	await newTrigger({}, {}, withoutSecret).deliver(signedRequest(profilePayload()));
	expect(warnings).toHaveLength(2);
	const forged = await newTrigger().deliver(signedRequest(profilePayload(), { signature: 'f'.repeat(40) }));
	expect(forged.status).toBe(401);
	expect(warnings).toHaveLength(2);
});

it('reads a Secret Key pasted with spaces around it as the key: HTTP sends it so, and the credential test passes', async () => {
	const padded = { gameballApi: { ...CREDENTIALS.gameballApi, secretKey: ` ${CREDENTIALS.gameballApi.secretKey}\t ` } };
	const result = await newTrigger({}, {}, padded).deliver(signedRequest(profilePayload({ customer_id: 'padded' })));
	expect(result.status).toBe(200);
	expect(warnings).toEqual([]);
});

it('warns, once a minute per node, that every automation call is refused while the Header Secret is empty', async () => {
	const parameters = { source: 'automation', automationMethod: 'POST', headerName: 'X-Campaign-Secret', headerSecret: '={{ $vars.UNSET }}', options: {} };
	const trigger = newTrigger(parameters as never, {}, {});
	for (let call = 0; call < 3; call++) {
		const result = await trigger.deliver({ method: 'POST', rawBody: '{}', headers: { 'x-campaign-secret': 'undefined' } });
		expect(result).toMatchObject({ status: 401, sent: { message: 'secret-header-not-set' } });
	}
	expect(warnings).toEqual([expect.stringContaining('refuses every automation call: its Header Name or Header Secret is empty')]);
});
