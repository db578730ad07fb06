"use client";

import { DownloadOutlined } from "@ant-design/icons";
import { Button, Space } from "antd";
import { useT } from "@/components/layout/locale";

/** Downloads of a month's bills (the export route applies the user's scope). */
export function ExportButtons({ month }: { month: string }) {
  const { t } = useT();
  return (
    <Space wrap>
      <Button icon={<DownloadOutlined />} href={`/api/export/bills?month=${month}&format=xlsx`}>{t("common.exportExcel")}</Button>
      <Button icon={<DownloadOutlined />} href={`/api/export/bills?month=${month}&format=csv`}>{t("common.exportCsv")}</Button>
    </Space>
  );
}
