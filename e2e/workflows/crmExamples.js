// The CRM examples that scenarios 14 and 15 run as a user imports them, with only where they send requests changed:
// to a fake CRM on loopback (e2e/scenarios/fakeZoho.ts, fakeSalesforce.ts). n8n's Zoho CRM and Salesforce nodes
// take their API's address from the OAuth2 token (`api_domain`, `instance_url`); the Zoho example's HTTP Request
// nodes build their URLs from one setting (the Zoho settings node's `apiDomain`), which is set to the fake. Nothing
// else in the example changes, so a URL that did not use the setting would miss the fake and fail the scenario. The
// Gameball credential points at the simulator.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { credentialRefs } = require('./common');

/**
 * Per example: its file, fixed workflow id, and the credentials it uses: type, the run's stand-in, its settings, and
 * the token data (holding the API's address where the CRM's node reads it). The Zoho example's generic OAuth2
 * credential has Zoho's search scope too; the fake tells it by its token (searchScopeToken).
 */
/** The token of the Zoho example's generic OAuth2 credential, which has Zoho's search scope (fakeZoho.ts tells it so). */
const searchScopeToken = (token) => `${token}.search`;

/** What both Zoho OAuth2 credentials share: Zoho's accounts server, client credentials sent in the body. */
const ZOHO_OAUTH = {
	grantType: 'authorizationCode',
	authUrl: 'https://accounts.zoho.com/oauth/v2/auth',
	accessTokenUrl: 'https://accounts.zoho.com/oauth/v2/token',
	authentication: 'body',
};

const CRM_EXAMPLES = {
	zoho: {
		file: 'loyalty-gameball-to-zoho.json',
		workflowId: 'gbE2eZohoExampl1',
		// The one setting the HTTP Request nodes' URLs are built from; no other node may name Zoho's API domain.
		domainSetting: { node: 'Zoho settings', field: 'apiDomain', realDomain: 'zohoapis.' },
		credentials: [
			{
				type: 'zohoOAuth2Api',
				ref: { id: 'zohoFakeOAuth001', name: 'Zoho (fake)' },
				tokenData: (url, token) => ({ access_token: token, token_type: 'Bearer', api_domain: url, expires_in: 3600 }),
				data: { ...ZOHO_OAUTH, scope: 'ZohoCRM.modules.ALL,ZohoCRM.settings.all,ZohoCRM.users.all', authQueryParameters: 'access_type=offline' },
			},
			{
				type: 'oAuth2Api',
				ref: { id: 'zohoFakeSearch01', name: 'Zoho with search (fake)' },
				tokenData: (url, token) => ({ access_token: searchScopeToken(token), token_type: 'Bearer', expires_in: 3600 }),
				data: {
					...ZOHO_OAUTH,
					scope: 'ZohoCRM.modules.ALL,ZohoSearch.securesearch.READ',
					authQueryParameters: 'access_type=offline&prompt=consent',
				},
			},
		],
	},
	salesforce: {
		file: 'loyalty-gameball-to-salesforce.json',
		workflowId: 'gbE2eSforceExmp1',
		credentials: [
			{
				type: 'salesforceOAuth2Api',
				ref: { id: 'sforceFakeOAuth1', name: 'Salesforce (fake)' },
				tokenData: (url, token) => ({ access_token: token, token_type: 'Bearer', instance_url: url, id: `${url}/id/00D/005` }),
				data: { grantType: 'pkce', environment: 'production', authentication: 'header' },
			},
		],
	},
};

function readExample(name) {
	return JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', CRM_EXAMPLES[name].file), 'utf8'));
}

/**
 * Sets the example's domain setting (a Set node's field) to `url`. Throws when the setting is missing, or when another
 * node (sticky notes aside) still names the real domain: its requests would not reach the fake.
 */
function pointDomainSetting(workflow, { node: settingsName, field, realDomain }, url) {
	const settings = workflow.nodes.find((node) => node.name === settingsName);
	const assignment = settings?.parameters.assignments?.assignments?.find((candidate) => candidate.name === field);
	if (!assignment) throw new Error(`the example has no "${settingsName}" node setting ${field}`);
	assignment.value = url;
	const naming = workflow.nodes.filter(
		(node) => node !== settings && node.type !== 'n8n-nodes-base.stickyNote' && JSON.stringify(node.parameters).includes(realDomain),
	);
	if (naming.length) throw new Error(`nodes name ${realDomain} instead of using "${settingsName}": ${naming.map((node) => node.name).join(', ')}`);
}

/** The example `name` pointed at `url`: its domain setting (if any) set to it, its credentials swapped for the run's. */
function crmExampleWorkflow(name, url) {
	const example = CRM_EXAMPLES[name];
	const pointed = readExample(name);
	if (example.domainSetting) pointDomainSetting(pointed, example.domainSetting, url);
	for (const node of pointed.nodes) {
		if (node.credentials?.gameballApi) node.credentials.gameballApi = credentialRefs.gameball;
		for (const { type, ref } of example.credentials) if (node.credentials?.[type]) node.credentials[type] = ref;
	}
	return { ...pointed, id: example.workflowId, active: false };
}

/** The example's Gameball Trigger webhook id, as the example fixes it. */
function crmExampleWebhookId(name) {
	return readExample(name).nodes.find((node) => node.type === 'n8n-nodes-gameball.gameballTrigger').webhookId;
}

/** The example's OAuth2 credentials, each holding a token the fake accepts, and the fake's address where the CRM's node reads it. */
function crmExampleCredentials(name, url, token) {
	return CRM_EXAMPLES[name].credentials.map(({ type, ref, data, tokenData }) => ({
		...ref,
		type,
		data: { ...data, clientId: 'e2e-client', clientSecret: 'e2e-client-secret', oauthTokenData: tokenData(url, token) },
	}));
}

module.exports = { CRM_EXAMPLES, crmExampleWorkflow, crmExampleWebhookId, crmExampleCredentials, searchScopeToken };
