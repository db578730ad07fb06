export type Locale = "zh-CN" | "en";

/** Message key -> the text in each language; {name} placeholders are filled by translate(). */
export type Messages = Record<string, Record<Locale, string>>;
