"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { performWorkOrderAction, type WorkOrderActionInput } from "@/lib/itsm/work-order-actions";
import { createWorkOrder, type CreateWorkOrderInput } from "@/lib/itsm/work-orders";

const orderId = z.number().int().positive();

async function actor() {
  const a = await getActor();
  if (!a) throw new AppError("auth.required", "登录已过期，请重新登录", undefined, 401);
  return a;
}

const refresh = (id?: number) => {
  revalidatePath("/service/work-orders");
  if (id) revalidatePath(`/service/work-orders/${id}`);
  revalidatePath("/dashboard");
};

export async function workOrderStepAction(id: number, input: WorkOrderActionInput): Promise<ActionResult<{ id: number; number: string; status: string }>> {
  return runAction(async () => {
    const r = await performWorkOrderAction(getDb().db, await actor(), orderId.parse(id), input);
    refresh(r.id);
    return r;
  });
}

export async function createWorkOrderAction(input: CreateWorkOrderInput): Promise<ActionResult<{ id: number; number: string }>> {
  return runAction(async () => {
    const r = await createWorkOrder(getDb().db, await actor(), input);
    refresh();
    return r;
  });
}
