// Which stored executions have newly finished, for the demo's stream: each one once, even when an earlier execution
// finishes after a later one (reading on from the highest ID seen would skip it).

/** Statuses of an execution that may still change. */
const UNFINISHED = new Set(['new', 'running', 'waiting']);

/** What has been reported: every ID up to `floor` is settled; `reported` holds the settled IDs above it. */
function newWatchState() {
	return { floor: 0, reported: new Set() };
}

/**
 * The rows (id order, IDs above `state.floor`) that finished since the last call; moves the floor up to the first
 * execution still unfinished.
 */
function newlyFinished(rows, state) {
	const finished = [];
	let firstUnfinished;
	for (const row of rows) {
		if (UNFINISHED.has(row.status)) {
			firstUnfinished ??= row.id;
		} else if (!state.reported.has(row.id)) {
			state.reported.add(row.id);
			finished.push(row);
		}
	}
	state.floor = firstUnfinished !== undefined ? Math.max(state.floor, firstUnfinished - 1) : Math.max(state.floor, rows.at(-1)?.id ?? 0);
	for (const id of state.reported) if (id <= state.floor) state.reported.delete(id);
	return finished;
}

module.exports = { newWatchState, newlyFinished };
