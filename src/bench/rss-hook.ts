/**
 * Loaded with `node --import` into a CLI child by the bench: at exit, writes the process's peak
 * resident set size (getrusage ru_maxrss, in KB) to the file named by PROPGRADE_BENCH_RSS_FILE.
 * Inert when the variable is not set.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.PROPGRADE_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    try {
      writeFileSync(target, String(process.resourceUsage().maxRSS));
    } catch {
      // The bench reports a missing figure rather than failing the child.
    }
  });
}
