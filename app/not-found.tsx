import { Button, Result } from "antd";
import Link from "next/link";

export default function NotFound() {
  return <Result status="404" title="未找到" subTitle="该页面不存在。" extra={<Link href="/billing"><Button type="primary">返回首页</Button></Link>} />;
}
