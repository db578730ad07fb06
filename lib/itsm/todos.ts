import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { orgWhere } from "../auth/scope";
import type { Db } from "../db";
import type { Todo } from "../reports/list-todos";

/**
 * The service desk's part of the home page's to-dos, from the actor's permissions and scope: requests to review,
 * pause requests to decide and reviews to write (supervisor), orders to accept (provider), orders to confirm and
 * returned requests to edit (requester). Only items with something to do are returned.
 */
export async function listWorkOrderTodos(db: Db, actor: Actor): Promise<Todo[]> {
  const scope = orgWhere(actor.scope);
  const todos: Promise<Todo | null>[] = [];
  const when = (count: number, todo: Omit<Todo, "count">): Todo | null => (count > 0 ? { ...todo, count } : null);
  if (can(actor, "itsm.request.review")) {
    todos.push(db.serviceRequest.count({ where: { ...scope, status: "submitted" } }).then((n) => when(n, { key: "requests-to-review", title: "itsm.todo.requestsToReview", href: "/service/requests?status=submitted", level: "warning" })));
  }
  if (can(actor, "itsm.workorder.manage")) {
    todos.push(db.workOrder.count({ where: { ...scope, status: "in-progress", stops: { some: { status: "requested" } } } }).then((n) => when(n, { key: "pauses-to-approve", title: "itsm.todo.pausesToApprove", href: "/service/work-orders?tab=todo", level: "warning" })));
    todos.push(db.workOrder.count({ where: { ...scope, status: "new" } }).then((n) => when(n, { key: "orders-to-assign", title: "itsm.todo.ordersToAssign", href: "/service/work-orders?status=new", level: "warning" })));
    todos.push(db.workOrder.count({ where: { ...scope, reviewRequired: true, reviewNote: null, status: { in: ["resolved", "closed"] } } }).then((n) => when(n, { key: "reviews-to-write", title: "itsm.todo.reviewsToWrite", href: "/service/work-orders?review=pending", level: "info" })));
  }
  if (can(actor, "itsm.workorder.handle") && actor.providerId) {
    todos.push(db.workOrder.count({ where: { ...scope, providerId: actor.providerId, status: "assigned", OR: [{ assigneeId: null }, { assigneeId: actor.userId }] } }).then((n) => when(n, { key: "orders-to-accept", title: "itsm.todo.ordersToAccept", href: "/service/work-orders?status=assigned", level: "warning" })));
  }
  if (can(actor, "itsm.request.submit") && actor.scope.kind === "departments") {
    todos.push(db.workOrder.count({ where: { ...scope, status: "resolved", requesterId: { not: null } } }).then((n) => when(n, { key: "orders-to-confirm", title: "itsm.todo.ordersToConfirm", href: "/service/work-orders?status=resolved", level: "warning" })));
    todos.push(db.serviceRequest.count({ where: { ...scope, status: "returned" } }).then((n) => when(n, { key: "requests-returned", title: "itsm.todo.requestsReturned", href: "/service/requests?status=returned", level: "info" })));
  }
  return (await Promise.all(todos)).filter((t): t is Todo => t !== null);
}
