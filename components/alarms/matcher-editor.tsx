"use client";

import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { AutoComplete, Button, Form, Input, Select, Tag } from "antd";
import type { Matcher } from "@/lib/alarms/matchers";
import { MATCHER_OPS } from "@/lib/alarms/matchers";
import type { MessageKey } from "@/lib/i18n/messages";
import { useT } from "@/components/layout/locale";

const SIGN = { eq: "=", neq: "≠", regex: "~" } as const;

/** Conditions as tags: `env = test`, `resource ~ vm-1.*`. */
export function MatcherTags({ matchers }: { matchers: Matcher[] }) {
  return (
    <div style={{ display: "flex", flexWrap: "wrap", gap: 4 }}>
      {matchers.map((m, i) => <Tag key={i} className="mono" style={{ marginInlineEnd: 0, whiteSpace: "normal", overflowWrap: "anywhere" }}>{m.attribute} {SIGN[m.op]} {m.value}</Tag>)}
    </div>
  );
}

/** The rows of a `matchers` form field: attribute (suggested from recent alarms), condition, value; at least one row. */
export function MatcherEditor({ attributes }: { attributes: string[] }) {
  const { t } = useT();
  const options = attributes.map((a) => ({ value: a }));
  return (
    <Form.List
      name="matchers"
      rules={[{ validator: async (_, rows?: unknown[]) => { if (!rows?.length) throw new Error(t("alarm.matcher.required")); } }]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field) => (
            <div key={field.key} style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "flex-start", marginBottom: 8 }}>
              <Form.Item name={[field.name, "attribute"]} rules={[{ required: true, whitespace: true, message: t("alarm.matcher.attributeRequired") }]} style={{ flex: "1 1 150px", marginBottom: 0 }}>
                <AutoComplete options={options} placeholder={t("alarm.matcher.attribute")} filterOption={(input, o) => String(o?.value ?? "").toLowerCase().includes(input.toLowerCase())} />
              </Form.Item>
              <Form.Item name={[field.name, "op"]} style={{ flex: "0 0 110px", marginBottom: 0 }}>
                <Select options={MATCHER_OPS.map((op) => ({ value: op, label: t(`alarm.matcher.op.${op}` as MessageKey) }))} aria-label={t("alarm.matcher.op")} />
              </Form.Item>
              <Form.Item name={[field.name, "value"]} style={{ flex: "1 1 150px", marginBottom: 0 }}>
                <Input placeholder={t("alarm.matcher.value")} className="mono" />
              </Form.Item>
              <Button icon={<DeleteOutlined />} aria-label={t("alarm.matcher.remove")} onClick={() => remove(field.name)} />
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ attribute: "", op: "eq", value: "" })} style={{ width: "100%" }}>{t("alarm.matcher.add")}</Button>
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
}
