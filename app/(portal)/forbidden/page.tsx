import { Button, Result } from "antd";
import Link from "next/link";
import { getT } from "@/app/_server/locale";

export const metadata = { title: "无权访问" };

/** Where requireActor sends a signed-in user who lacks the permission a page needs. */
export default async function ForbiddenPage() {
  const t = await getT();
  return <Result status="403" title={t("page.forbidden")} subTitle={t("page.forbiddenDetail")} extra={<Link href="/dashboard"><Button type="primary">{t("page.backHome")}</Button></Link>} />;
}
