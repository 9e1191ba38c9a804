/**
 * Every item shape that a node of this package emits. The README documents these; Loyalty to CRM consumes them.
 * One module, one source of truth.
 */

// ---- Gameball (action node) ----
// (section owned by the action node)

// ---- Gameball Trigger ----
// (section owned by the trigger)

// ---- Loyalty to CRM ----
// (section owned by the mapping node)
