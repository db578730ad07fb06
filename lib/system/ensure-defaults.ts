import type { Db } from "../db";
import { ensureAlarmDefaults } from "../alarms/alarm-defaults";
import { ensureMessageDefaults } from "../messages/message-defaults";
import { ensureSlaDefaults } from "../sla/ensure-defaults";
import { ensureDefaultDictionaries } from "./dictionaries";

/**
 * Every production default, idempotent and never overwriting an operator's edits: dictionaries, the working
 * calendar with the package's holidays, SLA policies and templates, alarm escalation and network thresholds,
 * message templates and rules. `cli db migrate` and the workers run it, so a new installation works at once.
 */
export async function ensureDefaults(db: Db) {
  return {
    dictionaries: await ensureDefaultDictionaries(db),
    sla: await ensureSlaDefaults(db),
    alarms: await ensureAlarmDefaults(db),
    messages: await ensureMessageDefaults(db),
  };
}
