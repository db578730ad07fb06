"use client";

import { DownloadOutlined } from "@ant-design/icons";
import { Button, Space } from "antd";

/** Downloads of a month's bills (the export route applies the user's scope). */
export function ExportButtons({ month }: { month: string }) {
  return (
    <Space wrap>
      <Button icon={<DownloadOutlined />} href={`/api/export/bills?month=${month}&format=xlsx`}>导出 Excel</Button>
      <Button icon={<DownloadOutlined />} href={`/api/export/bills?month=${month}&format=csv`}>导出 CSV</Button>
    </Space>
  );
}
