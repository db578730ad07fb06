import { headers } from "next/headers";
import { requireActor } from "@/app/_server/actor";
import { getLocale } from "@/app/_server/locale";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db";
import { translate } from "@/lib/i18n/messages";
import { ApiTokensView } from "@/components/settings/api-tokens-view";
import { createTokenAction, revokeTokenAction } from "./actions";
import { Paragraph, Text, Title } from "@/components/ui/typography";

export const metadata = { title: "API 令牌" };

export default async function ApiTokensPage() {
  const actor = await requireActor();
  const tokens = await listApiTokens(getDb().db, { userId: actor.userId });
  // the example names this portal's own address, so that it can be copied as it is
  const h = await headers();
  const locale = await getLocale();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost:3000"}`;
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{translate(locale, "tokens.title")}</Title>
      <Paragraph type="secondary">
        {translate(locale, "tokens.intro")}<Text code copyable>{`curl -H "Authorization: Bearer ${translate(locale, "tokens.placeholder")}" "${origin}/api/v1/bills?month=2025-03"`}</Text>
      </Paragraph>
      <ApiTokensView tokens={tokens} create={createTokenAction} revoke={revokeTokenAction} />
    </>
  );
}
