import { cookies } from "next/headers";
import { asLocale, LOCALE_COOKIE, translate, type Locale, type MessageKey } from "@/lib/i18n/messages";

/** The language chosen in the header (a cookie), zh-CN when none. */
export async function getLocale(): Promise<Locale> {
  return asLocale((await cookies()).get(LOCALE_COOKIE)?.value);
}

/** A translator in the request's language, for server components. */
export async function getT(): Promise<(key: MessageKey, values?: Record<string, string | number>) => string> {
  const locale = await getLocale();
  return (key, values) => translate(locale, key, values);
}
