// Gameball Trigger -> Loyalty to CRM -> a real store acting as the CRM: n8n's own Postgres node writes the
// contact, tag and task steps into PostgreSQL (tables made by scenario 06, see crmSchema below).
const { credentialRefs, node, workflow } = require('./common');
const { gameballTrigger, triggerWebhookIds } = require('./trigger');

const crmSchema = `
CREATE TABLE contacts (customer_id text PRIMARY KEY, email text, tier text, tier_rank int, points_available numeric,
  properties jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE tags (customer_id text NOT NULL, tag text NOT NULL, PRIMARY KEY (customer_id, tag));
CREATE TABLE tasks (id serial PRIMARY KEY, customer_id text NOT NULL, title text NOT NULL, body text, due_date date,
  trigger_event text);
`;

const contactQuery = `INSERT INTO contacts (customer_id, email, tier, tier_rank, points_available, properties)
VALUES ($1, $2, $3, $4, $5, $6::jsonb)
ON CONFLICT (customer_id) DO UPDATE SET
  email = COALESCE(EXCLUDED.email, contacts.email), tier = COALESCE(EXCLUDED.tier, contacts.tier),
  tier_rank = COALESCE(EXCLUDED.tier_rank, contacts.tier_rank),
  points_available = COALESCE(EXCLUDED.points_available, contacts.points_available),
  properties = contacts.properties || EXCLUDED.properties, updated_at = now()`;

const tagQuery = `WITH removed AS (
  DELETE FROM tags WHERE customer_id = $1 AND tag IN (SELECT jsonb_array_elements_text($3::jsonb)) AND tag <> $2
)
INSERT INTO tags (customer_id, tag) VALUES ($1, $2) ON CONFLICT DO NOTHING`;

const taskQuery = 'INSERT INTO tasks (customer_id, title, body, due_date, trigger_event) VALUES ($1, $2, $3, $4::date, $5)';

function postgres(name, y, query, replacement) {
	return node(
		name,
		'n8n-nodes-base.postgres',
		2.5,
		[560, y],
		{ operation: 'executeQuery', query, options: { queryReplacement: `={{ ${replacement} }}` } },
		{ credentials: { postgres: credentialRefs.postgres } },
	);
}

function crmWorkflow() {
	const nodes = [
		gameballTrigger(triggerWebhookIds.crm, []),
		node('Loyalty to CRM', 'n8n-nodes-gameball.loyaltyToCrm', 1, [260, 0], {
			crmPreset: 'generic',
			matchBy: 'customerId',
			pointsThreshold: 1000,
			tagTemplate: 'Loyalty: {tier}',
		}),
		postgres(
			'Upsert Contact',
			-300,
			contactQuery,
			'[$json.customerId, $json.email ?? null, $json.properties.tier ?? null, $json.properties.tierRank ?? null, $json.properties.pointsAvailable ?? null, $json.properties]',
		),
		postgres('Add Tag', -150, tagQuery, '[$json.customerId, $json.tag, JSON.stringify($json.removeTags ?? [])]'),
		// `$('Gameball Trigger').item` through Loyalty to CRM's pairing: a tier move folds three trigger items into one task.
		postgres('Create Task', 0, taskQuery, "[$json.customerId, $json.title, $json.body ?? null, $json.dueDate ?? null, $('Gameball Trigger').item.json.event]"),
		node('Log Note', 'n8n-nodes-base.noOp', 1, [560, 150], {}),
		node('Send Message', 'n8n-nodes-base.noOp', 1, [560, 300], {}),
	];
	const outputs = ['Upsert Contact', 'Add Tag', 'Create Task', 'Log Note', 'Send Message'];
	const connections = {
		'Gameball Trigger': { main: [[{ node: 'Loyalty to CRM', type: 'main', index: 0 }]] },
		'Loyalty to CRM': { main: outputs.map((name) => [{ node: name, type: 'main', index: 0 }]) },
	};
	return workflow('gbE2eLoyaltyCrm1', 'E2E: Gameball Trigger -> Loyalty to CRM -> PostgreSQL', nodes, connections);
}

module.exports = { crmWorkflow, crmSchema };
