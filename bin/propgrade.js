#!/usr/bin/env node
import { tuneHeapGrowth } from '../dist/cli/heap.js';

try {
  tuneHeapGrowth(process.env);
} catch (err) {
  process.stderr.write(`propgrade: ${err?.message ?? err}\n`);
  process.exit(2);
}
const { main } = await import('../dist/cli/main.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`propgrade: internal error: ${err?.stack ?? err}\n`);
    process.exitCode = 6;
  },
);
