import { z } from "zod";

// The matchers of filter policies and alarm rules: conditions on an alarm's attributes, all of which must hold.

export const MATCHER_OPS = ["eq", "neq", "regex"] as const;
export type MatcherOp = (typeof MATCHER_OPS)[number];

export type Matcher = { attribute: string; op: MatcherOp; value: string };

/** The attributes an alarm is matched on: plain strings, keyed by attribute name. */
export type AlarmAttributes = Record<string, string>;

/** Stored attributes read back: only string values count. */
export const attributesOf = (value: unknown): AlarmAttributes =>
  value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => typeof v === "string")) as AlarmAttributes : {};

/** A regex matcher's pattern must match the whole value: `vm-1` matches `vm-1`, not `vm-10`. */
export function anchoredRegex(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

/** Whether a pattern compiles as an anchored regex (checked when a policy or rule is saved). */
export function regexError(pattern: string): string | null {
  try {
    anchoredRegex(pattern);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** One condition; a condition on an attribute the alarm lacks never matches (so `neq` on an absent attribute hides nothing). */
export function matcherMatches(attributes: AlarmAttributes, m: Matcher): boolean {
  if (!Object.hasOwn(attributes, m.attribute)) return false;
  const value = attributes[m.attribute];
  switch (m.op) {
    case "eq":
      return value === m.value;
    case "neq":
      return value !== m.value;
    case "regex":
      return anchoredRegex(m.value).test(value);
  }
}

/** Every condition holds (an empty list matches nothing: saving one is refused, and a stored one must not hide everything). */
export function policyMatches(attributes: AlarmAttributes, matchers: readonly Matcher[]): boolean {
  return matchers.length > 0 && matchers.every((m) => matcherMatches(attributes, m));
}

export const matcherSchema = z.object({
  attribute: z.string({ message: "请填写属性名" }).trim().min(1, "请填写属性名").max(100, "属性名最多 100 个字符"),
  op: z.enum(MATCHER_OPS, { message: "条件应为 eq（等于）、neq（不等于）或 regex（正则）" }),
  value: z.string({ message: "请填写值" }).max(500, "值最多 500 个字符"),
});

/** What a policy or rule saves: one to twenty conditions, each regex compiling; a bad one is named by its row. */
export const matchersSchema = z.array(matcherSchema, { message: "请至少添加一个匹配条件" })
  .min(1, "请至少添加一个匹配条件").max(20, "最多 20 个匹配条件")
  .superRefine((list, ctx) => list.forEach((m, i) => {
    const error = m.op === "regex" ? regexError(m.value) : null;
    if (error) ctx.addIssue({ code: "custom", path: [i, "value"], message: `第 ${i + 1} 个条件的正则表达式无效：${error}` });
  }));

/** Stored matchers read back (a row written by this code; anything malformed matches nothing). */
export function storedMatchers(value: unknown): Matcher[] {
  const parsed = z.array(z.object({ attribute: z.string(), op: z.enum(MATCHER_OPS), value: z.string() })).safeParse(value);
  return parsed.success ? parsed.data : [];
}

/** A matcher list as one line, for audit summaries and exports: `resource = vm-1 且 severity ~ (minor|info)`. */
export function describeMatchers(matchers: readonly Matcher[]): string {
  const sign: Record<MatcherOp, string> = { eq: "=", neq: "≠", regex: "~" };
  return matchers.map((m) => `${m.attribute} ${sign[m.op]} ${m.value}`).join(" 且 ");
}
