import { ZodError } from "zod";
import { AppError } from "@/lib/errors";

/** What a server action returns to a form: success with an outcome, or a message and errors per field. */
export type ActionResult<T> = { ok: true; outcome: T } | { ok: false; message: string; fieldErrors: Record<string, string[]> };

/** Runs an action body and maps expected failures (validation, AppError) to a form result; anything else is logged and reported generically. */
export async function runAction<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, outcome: await body() };
  } catch (e) {
    if (e instanceof ZodError) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of e.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
      return { ok: false, message: "请检查表单中标出的字段", fieldErrors };
    }
    if (e instanceof AppError) {
      const details = e.details as { fieldErrors?: Record<string, string[]> } | undefined;
      return { ok: false, message: e.message, fieldErrors: details?.fieldErrors ?? {} };
    }
    const requestId = crypto.randomUUID();
    console.error(`action failed [${requestId}]`, e);
    return { ok: false, message: `操作失败，请稍后再试（请求编号 ${requestId}）`, fieldErrors: {} };
  }
}
