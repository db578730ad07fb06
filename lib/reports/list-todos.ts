import type pg from "pg";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { orgWhere } from "../auth/scope";
import { listWorkOrderTodos } from "../itsm/todos";
import type { Db } from "../db";
import { cdrFileWhere } from "../metering/cdr-file-scope";
import { listExceptions } from "../metering/list-exceptions";
import { shanghaiMonth } from "../time/shanghai";
import type { MessageKey } from "../i18n/messages";
import { previousMonthOf } from "./home-overview";

/** `title` is a message key (lib/i18n), filled with `values`: the page words it in the user's language. */
export type Todo = { key: string; title: MessageKey; values?: Record<string, string>; count: number; href: string; level: "warning" | "info" };

/** What awaits this user, from their permissions and scope: only items with something to do are returned. */
export async function listTodos(ctx: { db: Db; pool: pg.Pool }, actor: Actor, now = Date.now()): Promise<Todo[]> {
  const { db, pool } = ctx;
  const todos: Promise<Todo | null>[] = [];
  const when = (count: number, todo: Omit<Todo, "count">): Todo | null => (count > 0 ? { ...todo, count } : null);

  if (can(actor, "metering.exceptions.read")) {
    todos.push(listExceptions(pool, actor.scope).then((e) => when(e.unassigned.length + e.unrated.length, {
      key: "exceptions", title: can(actor, "metering.exceptions.resolve") ? "todo.exceptionsToResolve" : "todo.exceptions", href: "/metering/exceptions", level: "warning",
    })));
  }
  if (can(actor, "metering.files.read")) {
    todos.push(cdrFileWhere(db, actor.scope).then((where) => db.cdrFile.count({ where: { ...where, current: true, status: { in: ["quarantined", "incomplete"] } } })).then((n) => when(n, {
      key: "bad-files", title: "todo.badFiles", href: "/metering/files?status=quarantined&status=incomplete", level: "warning",
    })));
  }
  if (can(actor, "catalog.publish")) {
    todos.push(db.priceItem.count({ where: { status: "draft" } }).then((n) => when(n, { key: "drafts", title: "todo.drafts", href: "/catalog?status=draft", level: "info" })));
  }
  if (can(actor, "billing.close")) {
    const last = previousMonthOf(shanghaiMonth(now));
    todos.push(Promise.all([db.billingMonth.findUnique({ where: { month: last } }), db.bill.count({ where: { month: last } })]).then(([closed, bills]) => when(!closed && bills ? 1 : 0, {
      key: "close-month", title: "todo.closeMonth", values: { month: last }, href: `/billing?month=${last}`, level: "info",
    })));
  }
  if (can(actor, "system.users")) {
    todos.push(db.user.count({ where: { lockedUntil: { gt: new Date(now) } } }).then((n) => when(n, { key: "locked", title: "todo.locked", href: "/admin/users", level: "info" })));
  }
  if (can(actor, "alarm.handle")) {
    todos.push(db.alarm.count({ where: { ...orgWhere(actor.scope), status: "firing", ackedAt: null, suppressedByPolicyId: null, escalationLevel: { gt: 0 } } }).then((n) => when(n, {
      key: "alarms-unacked", title: "todo.alarmsUnacked", href: "/alarms", level: "warning",
    })));
  }
  const [own, serviceDesk] = await Promise.all([Promise.all(todos), listWorkOrderTodos(db, actor)]);
  return [...serviceDesk, ...own.filter((t): t is Todo => t !== null)];
}
