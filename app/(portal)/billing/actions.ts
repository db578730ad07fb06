"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import { closeMonth, reopenMonth } from "@/lib/billing/close-month";
import { getDb } from "@/lib/db";

export async function closeMonthAction(month: string): Promise<ActionResult<string>> {
  const actor = await requireActor("billing.close");
  return runAction(async () => {
    const r = await closeMonth(getDb(), actor, month);
    revalidatePath("/", "layout");
    return `${month} 已月结：${r.bills} 张账单，折后合计 ¥${r.net}；此后的价格变更、迟到文件和重新计费都不再改变这些账单`;
  });
}

export async function reopenMonthAction(input: { month: string; reason: string }): Promise<ActionResult<string>> {
  const actor = await requireActor("billing.close");
  return runAction(async () => {
    await reopenMonth(getDb(), actor, input.month, input.reason);
    revalidatePath("/", "layout");
    return `${input.month} 已重开，账单已按当前用量和价格重建`;
  });
}
