import { Button, Result } from "antd";
import Link from "next/link";

// Also what a user sees for data outside their scope: the portal does not say whether it exists.
export default function PortalNotFound() {
  return <Result status="404" title="未找到" subTitle="该页面不存在，或不在您的数据范围内。" extra={<Link href="/dashboard"><Button type="primary">返回首页</Button></Link>} />;
}
