// The n8n owner account, created through n8n's own REST endpoint (the same call the /setup form makes).
const DEMO_OWNER = {
	email: process.env.DEMO_EMAIL || 'demo@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: process.env.DEMO_PASSWORD || 'Gameball-demo-1',
};

/** Returns true when it created the owner, false when an owner was already set up. */
async function createOwner(n8nUrl, owner = DEMO_OWNER) {
	const response = await fetch(`${n8nUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': 'n8n-nodes-gameball-demo' },
		body: JSON.stringify(owner),
	});
	if (response.ok) return true;
	const text = await response.text();
	if (response.status === 400 && /already/i.test(text)) return false;
	throw new Error(`Owner setup answered ${response.status}: ${text.slice(0, 300)}`);
}

module.exports = { createOwner, DEMO_OWNER };
