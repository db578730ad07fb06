import { ZodError } from "zod";
import { AppError } from "../errors";
import { pathText } from "./alarm-input";

/**
 * The machine API's error body for the alarm and network routes: `{ error: { code, message, details? } }`, where
 * details.fieldErrors names each wrong field by its path (`[3].severity`). Unexpected errors are logged with an id.
 */
export function apiFailure(e: unknown): Response {
  if (e instanceof AppError) return Response.json({ error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } }, { status: e.status });
  if (e instanceof ZodError) {
    const fieldErrors: Record<string, string[]> = {};
    for (const i of e.issues) (fieldErrors[pathText(i.path) || "body"] ??= []).push(i.message);
    return Response.json({ error: { code: "bad_request", message: e.issues[0]?.message ?? "请求无效", details: { fieldErrors } } }, { status: 400 });
  }
  const requestId = crypto.randomUUID();
  console.error(`api request failed [${requestId}]`, e);
  return Response.json({ error: { code: "internal", message: `处理失败，请稍后再试（请求编号 ${requestId}）` } }, { status: 500 });
}

/** A JSON request body, or a 400 naming the problem. */
export async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("bad_request", "请求体不是有效的 JSON", undefined, 400);
  }
}
