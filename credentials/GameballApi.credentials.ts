import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/** The Gameball API keys. The secret key also verifies webhook signatures in Gameball Trigger. */
export class GameballApi implements ICredentialType {
	name = 'gameballApi';

	displayName = 'Gameball API';

	icon: Icon = { light: 'file:gameball.svg', dark: 'file:gameball.dark.svg' };

	documentationUrl = 'https://developer.gameball.co/rest-api/overview-on-gameball-apis/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The public API key, from Admin Settings > Account Integration > API Keys',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The secret (transaction) key. Gameball\'s API reference lists it for most operations, v4.1 and High Security Mode need it on every call, and Gameball Trigger verifies signatures with it.',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: [
				{ name: 'v4.0', value: 'v4.0' },
				{ name: 'v4.1 (Both Keys on Every Call)', value: 'v4.1' },
			],
			default: 'v4.0',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.gameball.co',
			description: 'Change only to use a proxy or the Gameball simulator',
		},
	];

	authenticate: IAuthenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const headers: Record<string, string> = { APIKey: String(credentials.apiKey ?? '').trim() };
		const secretKey = String(credentials.secretKey ?? '').trim();
		if (secretKey) headers.SecretKey = secretKey;
		return { ...requestOptions, headers: { ...(requestOptions.headers ?? {}), ...headers } };
	};

	// With a Secret Key, a read that needs it: on v4.0 a route that needs only the API key may ignore a wrong one.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ ($credentials.baseUrl || "https://api.gameball.co").trim().replace(/\\/+$/, "") }}',
			url: '=/api/{{ $credentials.apiVersion || "v4.0" }}/integrations/{{ String($credentials.secretKey || "").trim() ? "transactions/count" : "configurations/widget" }}',
			method: 'GET',
			// A redirect would carry the keys to another address.
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Gameball rejected the keys (401): check the API Key and the Secret Key. v4.1 and High Security Mode need both, so set the Secret Key there',
				},
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'Gameball refused these keys (403): check that they belong to this account, and set the Secret Key if the account uses High Security Mode' },
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'No Gameball API at this Base URL and API Version' },
			},
			...[301, 302, 303, 307, 308].map((status) => ({
				type: 'responseCode' as const,
				properties: {
					value: status,
					message: `The Base URL answered with a redirect (${status}), which the nodes do not follow: it would send the keys to another address. Use the address it redirects to (https://api.gameball.co)`,
				},
			})),
		],
	};
}
