/** Gameball's error shape and the codes the simulator answers with. */

export const ERROR_CODES = {
	authentication: 1001,
	concurrentRequest: 2001,
	rateLimited: 2005,
	missingField: 3001,
	wrongType: 3002,
	invalidValue: 3003,
	batchTooLarge: 3010,
	notFound: 4004,
	methodNotAllowed: 4005,
	serverError: 5000,
	badGateway: 5002,
	unavailable: 5003,
	configurationNotFound: 6004,
	customerNotFound: 7000,
	customerAlreadyExists: 7001,
	customerInactive: 7003,
	transactionNotFound: 9001,
	refundExceedsOriginal: 9002,
	holdNotFound: 9003,
	duplicateTransaction: 9004,
	holdNotActive: 9005,
	invalidOtp: 9006,
	invalidHash: 9007,
	insufficientPoints: 9008,
	couponNotFound: 9020,
	couponNotUsable: 9021,
	lockNotFound: 9022,
	batchNotFound: 9030,
} as const;

export interface GameballErrorBody {
	code: number;
	type: string;
	message: string;
	documentationUrl: string;
	requestId: string;
}

const TYPES_BY_FAMILY: Record<number, string> = {
	1: 'AUTHENTICATION_ERROR',
	2: 'REQUEST_ERROR',
	3: 'PAYLOAD_ERROR',
	4: 'GENERAL_ERROR',
	5: 'SERVER_ERROR',
	6: 'CONFIGURATION_ERROR',
	7: 'CUSTOMER_ERROR',
	8: 'SUBSCRIPTION_ERROR',
	9: 'TRANSACTION_ERROR',
};

export function errorType(code: number): string {
	return TYPES_BY_FAMILY[Math.floor(code / 1000)] ?? 'GENERAL_ERROR';
}

export function errorBody(code: number, message: string, requestId: string): GameballErrorBody {
	return {
		code,
		type: errorType(code),
		message,
		documentationUrl: `https://docs.gameball.co/api-reference/status-and-error-codes#${code}`,
		requestId,
	};
}

/** Thrown by handlers and domain code; the server turns it into an error answer. */
export class GameballError extends Error {
	constructor(
		readonly status: number,
		readonly code: number,
		message: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
		this.name = 'GameballError';
	}
}

/** Answered as `{ error: <status>, message }`, the shape Manual Adjustment documents for its 400s, not as a coded error. */
export class PlainError extends GameballError {
	constructor(status: number, message: string) {
		super(status, 0, message);
		this.name = 'PlainError';
	}
}

/** The answer body of an error. */
export function errorAnswer(error: GameballError, requestId: string): object {
	return error instanceof PlainError ? { error: error.status, message: error.message } : errorBody(error.code, error.message, requestId);
}

export function customerNotFound(customerId: string): GameballError {
	return new GameballError(404, ERROR_CODES.customerNotFound, `Customer '${customerId}' was not found`);
}

export function insufficientPoints(available: number, requested: number): GameballError {
	return new GameballError(400, ERROR_CODES.insufficientPoints, `Insufficient points: ${available} available, ${requested} requested`);
}

export function duplicate(field: string, value: string): GameballError {
	return new GameballError(400, ERROR_CODES.duplicateTransaction, `Duplicate ${field} '${value}': it was already applied`);
}

export function badRequest(code: number, message: string): GameballError {
	return new GameballError(400, code, message);
}

/** The fields of `fields` that a request body sets: neither absent, null, blank nor an empty list. */
export function fieldsGiven(body: Record<string, unknown>, fields: string[]): string[] {
	return fields.filter((field) => {
		const value = body[field];
		return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
	});
}

/** Refuses a body that sets more than one of `fields`, which Gameball documents as "only one of". */
export function onlyOneOf(body: Record<string, unknown>, fields: string[], message = `Only one of ${fields.join(', ')} may be provided`): void {
	const given = fieldsGiven(body, fields);
	if (given.length > 1) throw badRequest(ERROR_CODES.invalidValue, `${message} (got ${given.join(' and ')})`);
}
