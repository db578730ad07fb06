"use client";

import { Form, type FormInstance } from "antd";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";

// runAction's message for validation failures: the fields already say what is wrong
const GENERIC_VALIDATION = "请检查表单中标出的字段";

/** A server error name as a form path: template fields come back as "fields.<key>" and live under ["fields", key]. */
const pathOf = (name: string): (string | number)[] => (name.startsWith("fields.") ? ["fields", name.slice("fields.".length)] : [name]);

function placeErrors(form: FormInstance, result: { message: string; fieldErrors: Record<string, string[]> }): string | null {
  const mounted = new Set(Object.keys(form.getFieldsValue(true) as object));
  const fieldValues = (form.getFieldValue("fields") ?? {}) as Record<string, unknown>;
  const known = (name: string) => (name.startsWith("fields.") ? name.slice(7) in fieldValues || form.getFieldInstance(pathOf(name)) !== undefined : mounted.has(name) || form.getFieldInstance(name) !== undefined);
  const placed = Object.entries(result.fieldErrors).filter(([name]) => known(name));
  form.setFields(placed.map(([name, errors]) => ({ name: pathOf(name), errors })));
  const unplaced = Object.keys(result.fieldErrors).some((name) => !known(name));
  const repeated = result.message === GENERIC_VALIDATION || result.message === "请检查工单字段" || placed.some(([, errors]) => errors.includes(result.message));
  return placed.length && !unplaced && repeated ? null : result.message;
}

/** Submits an antd form to a server action, placing field errors (template fields too) next to their fields. */
export function useItsmForm<Values, Outcome>(submit: (values: Values) => Promise<ActionResult<Outcome>>, onDone: (o: Outcome) => void) {
  const [form] = Form.useForm<Values>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onFinish(values: Values) {
    setPending(true);
    setError(null);
    try {
      const result = await submit(values);
      if (result.ok) return onDone(result.outcome);
      setError(placeErrors(form, result));
    } finally {
      setPending(false);
    }
  }
  return { form, pending, error, setError, onFinish };
}
