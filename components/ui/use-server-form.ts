"use client";

import { Form } from "antd";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";

/** Submits an antd form to a server action; the server's zod and AppError field errors are shown next to their fields. */
export function useServerForm<Input, Outcome>(submit: (input: Input) => Promise<ActionResult<Outcome>>, onDone: (o: Outcome) => void) {
  const [form] = Form.useForm<Input>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onFinish(values: Input) {
    setPending(true);
    setError(null);
    const result = await submit(values);
    setPending(false);
    if (result.ok) return onDone(result.outcome);
    setError(result.message);
    form.setFields(Object.entries(result.fieldErrors).filter(([name]) => name !== "form").map(([name, errors]) => ({ name: name as never, errors })));
  }
  return { form, pending, error, onFinish };
}
