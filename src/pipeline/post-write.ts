/** Post-write validation (SPEC section 4 step 4): NULL-safe duplicate keys of the date, stored. */
import type { IsoDate } from '../domain/types.js';
import type { PipelineContext } from './context.js';

/** Validate the date, store the result, link it from the run, alert on duplicates. */
export async function validateAfterWrite(
  ctx: PipelineContext,
  runId: string,
  gameDate: IsoDate,
): Promise<number> {
  const summary = await ctx.store.duplicateSummary({ from: gameDate, to: gameDate }, 20);
  const status = summary.duplicateKeys > 0 ? 'critical' : 'ok';
  const validationId = await ctx.store.insertValidation({
    kind: 'post_write',
    runId,
    from: gameDate,
    to: gameDate,
    status,
    result: summary,
  });
  await ctx.store.updateRun(runId, { duplicateKeys: summary.duplicateKeys, validationId });
  if (summary.duplicateKeys > 0) {
    ctx.log.error(
      { runId, gameDate, duplicates: summary },
      `duplicate keys after write: ${summary.duplicateKeys}`,
    );
    await ctx.alerts.raise({
      event: 'duplicates_after_write',
      table: 'prediction_accuracy',
      scope: gameDate,
      severity: summary.duplicateKeys,
      title: `${summary.duplicateKeys} duplicate business keys in prediction_accuracy on ${gameDate}`,
      details: { runId, validationId, ...summary },
      nextCommand: `propgrade dedupe --from ${gameDate} --to ${gameDate}`,
    });
  } else {
    await ctx.alerts.resolve('duplicates_after_write', 'prediction_accuracy', gameDate);
  }
  return summary.duplicateKeys;
}
