import type { INodeExecutionData } from 'n8n-workflow';

/** A Gameball node output item that is a success: no `error`, and not a batch entry marked `success: false`. */
export const isSuccess = (item: INodeExecutionData) => item.json.error === undefined && item.json.success !== false;
