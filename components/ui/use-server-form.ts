"use client";

import { Form } from "antd";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import { showActionErrors } from "./action-errors";

/**
 * Submits an antd form to a server action; the server's zod and AppError field errors are shown next to their
 * fields (`fields`, else every field the form holds), and `error` is the message for above the form, if any.
 */
export function useServerForm<Input, Outcome>(submit: (input: Input) => Promise<ActionResult<Outcome>>, onDone: (o: Outcome) => void, fields?: readonly string[]) {
  const [form] = Form.useForm<Input>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onFinish(values: Input) {
    setPending(true);
    setError(null);
    const result = await submit(values);
    setPending(false);
    if (result.ok) return onDone(result.outcome);
    // the mounted fields and any values held for hidden ones
    setError(showActionErrors(form, result, fields ?? [...new Set([...Object.keys(form.getFieldsValue() as object), ...Object.keys(form.getFieldsValue(true) as object)])]));
  }
  return { form, pending, error, onFinish };
}
