import type { Metadata, Viewport } from "next";
import { AntdRegistry } from "@ant-design/nextjs-registry";
import { getLocale } from "@/app/_server/locale";
import { Providers } from "@/components/layout/providers";
import "./globals.css";

export const metadata: Metadata = { title: "政务云第三方监管平台", description: "计量计费、账单与异常处理" };
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        <AntdRegistry>
          <Providers locale={locale}>{children}</Providers>
        </AntdRegistry>
      </body>
    </html>
  );
}
