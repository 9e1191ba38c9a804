// Successive profile updates per customer for the Track scenario: every round moves each customer's tier
// (up on odd rounds, down on even ones) and points, so each update after the first derives one Tier Changed
// and one Points Changed item.
const { profileBody } = require('./load');

function trackBodies(tag, customerCount, roundCount) {
	const customers = Array.from({ length: customerCount }, (_, index) => `${tag}-${index}`);
	const rounds = Array.from({ length: roundCount }, (_, round) =>
		customers.map((customer) => {
			const tier = round % 2 === 0 ? 1 : 2;
			const points = 100 + round * 50;
			const profile = { tier_name: tier === 1 ? 'Bronze' : 'Silver', tier_order: tier, activated_points: points, pending_points: 0, total_points: points };
			return profileBody(customer, profile, `2026-01-01T00:0${round}:00.000Z`);
		}),
	);
	return { customers, rounds };
}

/** Rows the Record node should write: every profile update once, and one derived item of each kind per move. */
function expectedTrackRows(customers, roundCount) {
	const moves = customers.length * (roundCount - 1);
	return {
		'customer.profile.updated': customers.length * roundCount,
		'gameball.points.changed': moves,
		'gameball.tier.changed': moves,
	};
}

module.exports = { trackBodies, expectedTrackRows };
