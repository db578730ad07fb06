"use client";

import { Tag } from "antd";
import { LoadingOutlined, ClockCircleOutlined } from "@ant-design/icons";

export const FILE_STATUS: Record<string, { label: string; color: string }> = {
  registered: { label: "待处理", color: "default" },
  processing: { label: "处理中", color: "processing" },
  ok: { label: "正常", color: "success" },
  incomplete: { label: "不完整", color: "warning" },
  quarantined: { label: "已隔离", color: "error" },
  duplicate: { label: "重复", color: "purple" },
};

export function FileStatusTag({ status }: { status: string }) {
  const s = FILE_STATUS[status] ?? { label: status, color: "default" };
  const icon = status === "processing" ? <LoadingOutlined /> : status === "registered" ? <ClockCircleOutlined /> : undefined;
  return <Tag color={s.color} icon={icon}>{s.label}</Tag>;
}
