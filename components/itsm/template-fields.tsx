"use client";

import { DatePicker, Descriptions, Form, Input, InputNumber, Select } from "antd";
import dayjs from "dayjs";
import type { TemplateField } from "@/lib/sla/templates";
import { useT } from "@/components/layout/locale";

const label = (f: TemplateField, locale: string) => (locale === "en" ? f.labelEn : f.label);

/** A template's fields as form items under `fields.<key>` (dates travel as YYYY-MM-DD text). */
export function TemplateFieldItems({ fields, skip = [] }: { fields: readonly TemplateField[]; skip?: readonly string[] }) {
  const { t, locale } = useT();
  return (
    <>
      {fields.filter((f) => !skip.includes(f.key)).map((f) => {
        const name = label(f, locale);
        const rules = f.required ? [{ required: true, message: f.type === "select" ? t("itsm.form.selectRequired", { label: name }) : t("itsm.form.fieldRequired", { label: name }) }] : [];
        const common = { name: ["fields", f.key], label: name, rules };
        switch (f.type) {
          case "textarea":
            return <Form.Item key={f.key} {...common}><Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} /></Form.Item>;
          case "number":
            return <Form.Item key={f.key} {...common}><InputNumber style={{ width: "100%" }} /></Form.Item>;
          case "select":
            return <Form.Item key={f.key} {...common}><Select allowClear={!f.required} options={(f.options ?? []).map((o) => ({ value: o.value, label: locale === "en" ? o.labelEn : o.label }))} /></Form.Item>;
          case "date":
            return (
              <Form.Item key={f.key} {...common} getValueProps={(v: string | null) => ({ value: v ? dayjs(v) : null })} normalize={(d: dayjs.Dayjs | null) => (d ? d.format("YYYY-MM-DD") : null)}>
                <DatePicker style={{ width: "100%" }} inputReadOnly />
              </Form.Item>
            );
          default:
            return <Form.Item key={f.key} {...common}><Input maxLength={200} /></Form.Item>;
        }
      })}
    </>
  );
}

/** The values of a template's fields, read-only; `extra` rows (a fault category) come first. */
export function TemplateFieldValues({ fields, values, extra = [], skip = [] }: { fields: readonly TemplateField[]; values: Record<string, unknown>; extra?: { key: string; label: string; value: string }[]; skip?: readonly string[] }) {
  const { t, locale } = useT();
  const text = (f: TemplateField, v: unknown) => {
    if (v === null || v === undefined || v === "") return "—";
    if (f.type === "select") {
      const o = f.options?.find((x) => x.value === v);
      return o ? (locale === "en" ? o.labelEn : o.label) : String(v);
    }
    return String(v);
  };
  const items = [
    ...extra.map((e) => ({ key: e.key, label: e.label, children: e.value })),
    ...fields.filter((f) => !skip.includes(f.key)).map((f) => ({ key: f.key, label: label(f, locale), children: <span style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{text(f, values[f.key])}</span> })),
  ];
  if (!items.length) return <span>{t("itsm.orders.noFields")}</span>;
  return <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} />;
}
