import { describe, expect, it } from 'vitest';
import { readActualsFile } from '../../src/input/actuals.js';
import { readPredictionsFile } from '../../src/input/predictions.js';

const EXAMPLE = '/work/shared/examples/grading';

describe('worked example', () => {
  it('reads predictions.csv', async () => {
    const file = await readPredictionsFile(`${EXAMPLE}/predictions.csv`);
    console.log(JSON.stringify(file, null, 1).slice(0, 3000));
    expect(file.rowsRead).toBe(11);
  });
  it('reads actuals.csv', async () => {
    const file = await readActualsFile(`${EXAMPLE}/actuals.csv`);
    console.log(JSON.stringify(file, null, 1).slice(0, 1500));
    expect(file.rowsRead).toBe(8);
  });
});
