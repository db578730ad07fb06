import { Button, Result } from "antd";
import Link from "next/link";
import { getT } from "@/app/_server/locale";

// Also what a user sees for data outside their scope: the portal does not say whether it exists.
export default async function PortalNotFound() {
  const t = await getT();
  return <Result status="404" title={t("page.notFound")} subTitle={t("page.notFoundDetail")} extra={<Link href="/dashboard"><Button type="primary">{t("page.backHome")}</Button></Link>} />;
}
