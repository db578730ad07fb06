import { redirect } from "next/navigation";
import { getActor } from "@/app/_server/actor";
import { LoginForm } from "@/components/auth/login-form";

export const metadata = { title: "登录 · 政务云第三方监管平台" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getActor()) redirect("/dashboard");
  const { callbackUrl } = await searchParams;
  // Only same-site paths: an absolute URL here would make the login page an open redirect.
  const next = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/dashboard";
  return <LoginForm next={next} />;
}
