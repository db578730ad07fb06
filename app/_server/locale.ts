import { cookies } from "next/headers";
import { asLocale, LOCALE_COOKIE, type Locale } from "@/lib/i18n/messages";

/** The language chosen in the header (a cookie), zh-CN when none. */
export async function getLocale(): Promise<Locale> {
  return asLocale((await cookies()).get(LOCALE_COOKIE)?.value);
}
