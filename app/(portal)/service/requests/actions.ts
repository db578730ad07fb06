"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { cancelRequest, resubmitRequest, reviewRequest, submitRequest, type ReviewRequestInput, type SubmitRequestInput } from "@/lib/itsm/requests";

const requestId = z.number().int().positive();

// the lib checks who may do what; a signed-out session gets a message rather than a redirect mid-form
async function actor() {
  const a = await getActor();
  if (!a) throw new AppError("auth.required", "登录已过期，请重新登录", undefined, 401);
  return a;
}

const refresh = (id?: number) => {
  revalidatePath("/service/requests");
  if (id) revalidatePath(`/service/requests/${id}`);
  revalidatePath("/service/work-orders");
  revalidatePath("/dashboard");
};

export async function submitRequestAction(input: SubmitRequestInput): Promise<ActionResult<{ id: number; number: string }>> {
  return runAction(async () => {
    const r = await submitRequest(getDb().db, await actor(), input);
    refresh();
    return r;
  });
}

export async function resubmitRequestAction(id: number, input: SubmitRequestInput): Promise<ActionResult<{ id: number; number: string }>> {
  return runAction(async () => {
    const r = await resubmitRequest(getDb().db, await actor(), requestId.parse(id), input);
    refresh(r.id);
    return r;
  });
}

export async function reviewRequestAction(id: number, input: ReviewRequestInput): Promise<ActionResult<{ status: string; workOrderId: number | null; workOrderNumber: string | null }>> {
  return runAction(async () => {
    const r = await reviewRequest(getDb().db, await actor(), requestId.parse(id), input);
    refresh(id);
    return r;
  });
}

export async function cancelRequestAction(id: number, comment: string | null): Promise<ActionResult<null>> {
  return runAction(async () => {
    await cancelRequest(getDb().db, await actor(), requestId.parse(id), comment);
    refresh(id);
    return null;
  });
}
