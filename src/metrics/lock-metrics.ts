/**
 * Lock metrics of this process, fed by the DistributedLock's LockObserver: acquisitions by
 * outcome, wait and hold histograms, contention, renewals, losses and leases held now. Labelled
 * by lock type (`grading`, `consolidation`), never by key or date.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { LockObserver } from '../lock/observer.js';
import { DURATION_BUCKETS_S } from './ledger-snapshot.js';

const counter = <L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labels: readonly L[],
) => new Counter<L>({ name, help, labelNames: labels, registers: [registry] });

const histogram = <L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labels: readonly L[],
) =>
  new Histogram<L>({
    name,
    help,
    labelNames: labels,
    buckets: [...DURATION_BUCKETS_S],
    registers: [registry],
  });

/** The lock metrics, registered on `registry`. */
function lockMetrics(registry: Registry) {
  return {
    acquisitions: counter(
      registry,
      'propgrade_lock_acquisitions_total',
      'Lease acquire calls of this process by outcome (acquired, timeout, unavailable, cancelled).',
      ['lock_type', 'outcome'],
    ),
    contended: counter(
      registry,
      'propgrade_lock_contended_acquisitions_total',
      'Acquire calls of this process that found the key held at least once.',
      ['lock_type'],
    ),
    wait: histogram(
      registry,
      'propgrade_lock_wait_seconds',
      'Time acquire calls of this process waited, by outcome.',
      ['lock_type', 'outcome'],
    ),
    hold: histogram(
      registry,
      'propgrade_lock_hold_seconds',
      'How long this process held each lease, acquisition to release.',
      ['lock_type'],
    ),
    renewals: counter(
      registry,
      'propgrade_lock_renewals_total',
      'Lease renewal attempts of this process by result (ok, failed).',
      ['lock_type', 'result'],
    ),
    losses: counter(
      registry,
      'propgrade_lock_losses_total',
      'Leases this process lost while holding them.',
      ['lock_type'],
    ),
    held: new Gauge({
      name: 'propgrade_lock_leases_held',
      help: 'Leases this process holds now.',
      labelNames: ['lock_type'] as const,
      registers: [registry],
    }),
  };
}

/** A LockObserver that records into `registry`. */
export function lockMetricsObserver(registry: Registry): LockObserver {
  const m = lockMetrics(registry);
  return {
    onAcquire(e) {
      m.acquisitions.inc({ lock_type: e.lockType, outcome: e.outcome });
      m.wait.observe({ lock_type: e.lockType, outcome: e.outcome }, e.waitedMs / 1000);
      if (e.contended) m.contended.inc({ lock_type: e.lockType });
      if (e.outcome === 'acquired') m.held.inc({ lock_type: e.lockType });
    },
    onRelease(e) {
      m.hold.observe({ lock_type: e.lockType }, e.heldMs / 1000);
      m.held.dec({ lock_type: e.lockType });
    },
    onRenew(e) {
      m.renewals.inc({ lock_type: e.lockType, result: e.ok ? 'ok' : 'failed' });
    },
    onLost(e) {
      m.losses.inc({ lock_type: e.lockType });
    },
  };
}
