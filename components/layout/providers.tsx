"use client";

import { App, ConfigProvider } from "antd";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import type { Locale } from "@/lib/i18n/messages";
import { LocaleProvider } from "./locale";

const theme = { token: { colorPrimary: "#1f5fbf", borderRadius: 6 } };

export function Providers({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  // antd's date pickers name months and weekdays through dayjs, whose locale is global
  dayjs.locale(locale === "en" ? "en" : "zh-cn");
  return (
    <LocaleProvider value={locale}>
      <ConfigProvider locale={locale === "en" ? enUS : zhCN} theme={theme}>
        <App>{children}</App>
      </ConfigProvider>
    </LocaleProvider>
  );
}
