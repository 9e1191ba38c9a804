// The CRM examples that scenarios 14 and 15 run as a user imports them, with only where they send requests changed:
// to a fake CRM on loopback (e2e/scenarios/fakeZoho.ts, fakeSalesforce.ts). n8n's Zoho CRM and Salesforce nodes
// take their API's address from the OAuth2 token (`api_domain`, `instance_url`); the Zoho example's HTTP Request
// nodes name Zoho's domain, which is rewritten. The Gameball credential points at the simulator.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { credentialRefs } = require('./common');

/** Per example: its file, fixed workflow id, the credential type it uses, and the token field holding the API's address. */
const CRM_EXAMPLES = {
	zoho: {
		file: 'loyalty-gameball-to-zoho.json',
		workflowId: 'gbE2eZohoExampl1',
		credentialType: 'zohoOAuth2Api',
		credentialRef: { id: 'zohoFakeOAuth001', name: 'Zoho (fake)' },
		rewriteDomain: 'https://www.zohoapis.com',
		tokenData: (url, token) => ({ access_token: token, token_type: 'Bearer', api_domain: url, expires_in: 3600 }),
		credentialData: {
			grantType: 'authorizationCode',
			authUrl: 'https://accounts.zoho.com/oauth/v2/auth',
			accessTokenUrl: 'https://accounts.zoho.com/oauth/v2/token',
			scope: 'ZohoCRM.modules.ALL,ZohoCRM.settings.all,ZohoCRM.users.all',
			authQueryParameters: 'access_type=offline',
			authentication: 'body',
		},
	},
	salesforce: {
		file: 'loyalty-gameball-to-salesforce.json',
		workflowId: 'gbE2eSforceExmp1',
		credentialType: 'salesforceOAuth2Api',
		credentialRef: { id: 'sforceFakeOAuth1', name: 'Salesforce (fake)' },
		tokenData: (url, token) => ({ access_token: token, token_type: 'Bearer', instance_url: url, id: `${url}/id/00D/005` }),
		credentialData: { grantType: 'pkce', environment: 'production', authentication: 'header' },
	},
};

function readExample(name) {
	return JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', CRM_EXAMPLES[name].file), 'utf8'));
}

/** The example `name` pointed at `url`: the fixed domain (if any) rewritten, its credentials swapped for the run's. */
function crmExampleWorkflow(name, url) {
	const example = CRM_EXAMPLES[name];
	const text = JSON.stringify(readExample(name));
	const pointed = JSON.parse(example.rewriteDomain ? text.split(example.rewriteDomain).join(url) : text);
	for (const node of pointed.nodes) {
		if (node.credentials?.gameballApi) node.credentials.gameballApi = credentialRefs.gameball;
		if (node.credentials?.[example.credentialType]) node.credentials[example.credentialType] = example.credentialRef;
	}
	return { ...pointed, id: example.workflowId, active: false };
}

/** The example's Gameball Trigger webhook id, as the example fixes it. */
function crmExampleWebhookId(name) {
	return readExample(name).nodes.find((node) => node.type === 'n8n-nodes-gameball.gameballTrigger').webhookId;
}

/** An OAuth2 credential holding a token the fake accepts, and the fake's address where the CRM's node reads it. */
function crmExampleCredential(name, url, token) {
	const example = CRM_EXAMPLES[name];
	return {
		...example.credentialRef,
		type: example.credentialType,
		data: { ...example.credentialData, clientId: 'e2e-client', clientSecret: 'e2e-client-secret', oauthTokenData: example.tokenData(url, token) },
	};
}

module.exports = { CRM_EXAMPLES, crmExampleWorkflow, crmExampleWebhookId, crmExampleCredential };
