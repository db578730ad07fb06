import { Button, Result } from "antd";
import Link from "next/link";

export const metadata = { title: "无权访问" };

/** Where requireActor sends a signed-in user who lacks the permission a page needs. */
export default function ForbiddenPage() {
  return <Result status="403" title="无权访问" subTitle="您的角色没有访问该页面的权限；如需开通，请联系系统管理员。" extra={<Link href="/dashboard"><Button type="primary">返回首页</Button></Link>} />;
}
