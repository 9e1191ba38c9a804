// examples/loyalty-gameball-to-zoho.json as the e2e run imports it: its Zoho domain and credentials pointed at the
// scenario's fake Zoho (e2e/scenarios/fakeZoho.ts) and its Gameball credential at the simulator. Nothing else changes.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { credentialRefs } = require('./common');

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'loyalty-gameball-to-zoho.json');
const ZOHO_DOMAIN = 'https://www.zohoapis.com';
const WORKFLOW_ID = 'gbE2eZohoExampl1';
const zohoCredentialRef = { id: 'zohoFakeOAuth001', name: 'Zoho (fake)' };

/** The workflow, with every string naming Zoho's US domain rewritten to `zohoUrl`. */
function zohoExampleWorkflow(zohoUrl) {
	const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
	const pointed = JSON.parse(JSON.stringify(example).split(ZOHO_DOMAIN).join(zohoUrl));
	for (const node of pointed.nodes) {
		if (node.credentials?.gameballApi) node.credentials.gameballApi = credentialRefs.gameball;
		if (node.credentials?.zohoOAuth2Api) node.credentials.zohoOAuth2Api = zohoCredentialRef;
	}
	return { ...pointed, id: WORKFLOW_ID, active: false };
}

/** The trigger's webhook id, as the example fixes it. */
function zohoExampleWebhookId() {
	const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
	return example.nodes.find((node) => node.type === 'n8n-nodes-gameball.gameballTrigger').webhookId;
}

/** An OAuth2 credential holding a token the fake accepts; `api_domain` is where n8n's Zoho CRM node sends requests. */
function zohoCredential(zohoUrl, token) {
	return {
		...zohoCredentialRef,
		type: 'zohoOAuth2Api',
		data: {
			grantType: 'authorizationCode',
			authUrl: 'https://accounts.zoho.com/oauth/v2/auth',
			accessTokenUrl: 'https://accounts.zoho.com/oauth/v2/token',
			clientId: 'e2e-client',
			clientSecret: 'e2e-client-secret',
			scope: 'ZohoCRM.modules.ALL,ZohoCRM.settings.all,ZohoCRM.users.all',
			authQueryParameters: 'access_type=offline',
			authentication: 'body',
			oauthTokenData: { access_token: token, token_type: 'Bearer', api_domain: zohoUrl, expires_in: 3600 },
		},
	};
}

module.exports = { zohoExampleWorkflow, zohoExampleWebhookId, zohoCredential, WORKFLOW_ID };
