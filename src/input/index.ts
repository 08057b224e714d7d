/**
 * The input layer: predictions and actuals files (CSV or JSONL) read into validated domain rows,
 * the whole file validated first, problems naming file, line and field (InputError, exit 2).
 */
export { type ActualsFile, readActualsFile } from './actuals.js';
export { detectFormat, INPUT_FORMATS, type InputFormat, isInputFormat } from './format.js';
export { derivePredictionId, versionKey } from './prediction-row.js';
export { type PredictionsFile, readPredictionsFile } from './predictions.js';
export type { ReadInputOptions } from './read-rows.js';
export type { FieldValue, InputRecord } from './records.js';
