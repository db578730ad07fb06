"use client";

import { App, ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";

const theme = { token: { colorPrimary: "#1f5fbf", borderRadius: 6 } };

export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <App>{children}</App>
    </ConfigProvider>
  );
}
