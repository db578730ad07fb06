import type { FormInstance } from "antd";

// runAction's message for validation failures: the fields already say what is wrong
const GENERIC_VALIDATION = "请检查表单中标出的字段";

/**
 * Puts a failed action's field errors next to the form's fields; returns the message to show above the form, or
 * null when the fields already say it all.
 */
export function showActionErrors(form: FormInstance, result: { message: string; fieldErrors: Record<string, string[]> }, fields: readonly string[]): string | null {
  const placed = Object.entries(result.fieldErrors).filter(([name]) => fields.includes(name));
  form.setFields(placed.map(([name, errors]) => ({ name, errors })));
  const unplaced = Object.keys(result.fieldErrors).some((name) => !fields.includes(name));
  const repeated = result.message === GENERIC_VALIDATION || placed.some(([, errors]) => errors.includes(result.message));
  return placed.length && !unplaced && repeated ? null : result.message;
}
