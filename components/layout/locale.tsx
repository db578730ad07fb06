"use client";

import { createContext, useContext } from "react";
import { LOCALE_COOKIE, translate, type Locale, type MessageKey } from "@/lib/i18n/messages";

const LocaleContext = createContext<Locale>("zh-CN");

export const LocaleProvider = LocaleContext.Provider;

/** The user's language and a translator for client components. */
export function useT() {
  const locale = useContext(LocaleContext);
  return { locale, t: (key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values) };
}

/** Remembers the choice for a year; the caller refreshes the page so that server components render in it. */
export function setLocaleCookie(locale: Locale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
}
