"use client";

import { Tag } from "antd";
import { LoadingOutlined, ClockCircleOutlined } from "@ant-design/icons";
import { translate, type Locale, type MessageKey } from "@/lib/i18n/messages";
import { useT } from "@/components/layout/locale";

/** Each file status's label (a message key) and colour, in the order the filters list them. */
const FILE_STATUS_KEYS: Record<string, { key: MessageKey; color: string }> = {
  registered: { key: "status.file.registered", color: "default" },
  processing: { key: "status.file.processing", color: "processing" },
  ok: { key: "status.file.ok", color: "success" },
  incomplete: { key: "status.file.incomplete", color: "warning" },
  quarantined: { key: "status.file.quarantined", color: "error" },
  duplicate: { key: "status.file.duplicate", color: "purple" },
};

/** The statuses with their labels in the locale; unknown statuses are shown as they are. */
export function fileStatuses(locale: Locale): Record<string, { label: string; color: string }> {
  return Object.fromEntries(Object.entries(FILE_STATUS_KEYS).map(([s, { key, color }]) => [s, { label: translate(locale, key), color }]));
}

/** The statuses with their zh-CN labels (the default locale); in components prefer fileStatuses(locale). */
export const FILE_STATUS: Record<string, { label: string; color: string }> = fileStatuses("zh-CN");

export function FileStatusTag({ status }: { status: string }) {
  const { t } = useT();
  const known = FILE_STATUS_KEYS[status];
  const s = known ? { label: t(known.key), color: known.color } : { label: status, color: "default" };
  const icon = status === "processing" ? <LoadingOutlined /> : status === "registered" ? <ClockCircleOutlined /> : undefined;
  return <Tag color={s.color} icon={icon}>{s.label}</Tag>;
}
