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

/**
 * Why a pattern could backtrack exponentially on a value a reporter chooses (the intake would hang), or null: a
 * repeated group that itself holds a repetition or an alternation ((a+)+, (a|b)*), or a backreference.
 */
function backtrackingHazard(pattern: string): string | null {
  if (/\\(?:[1-9]|k<)/.test(pattern.replace(/\\\\/g, ""))) return "不支持反向引用";
  const hazard = "含可重复的嵌套量词或分支（如 (a+)+、(a|b)*），匹配可能极慢，请改写";
  type Frame = { repeats: boolean; branches: boolean };
  const stack: Frame[] = [{ repeats: false, branches: false }];
  // what the quantifier at i repeats: more than once (*, +, {n,}, {n,m} with m > 1), once at most (?), or no quantifier
  const quantifierAt = (i: number): { length: number; repeats: boolean } | null => {
    const c = pattern[i];
    if (c === "*" || c === "+") return { length: 1, repeats: true };
    if (c === "?") return { length: 1, repeats: false };
    const m = c === "{" ? /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i)) : null;
    if (!m) return null;
    return { length: m[0].length, repeats: m[2] === undefined ? Number(m[1]) > 1 : m[3] === "" || Number(m[3]) > 1 };
  };
  // after an atom or a group: its quantifier, if any (and a lazy ? after it); returns the index after them
  const quantified = (i: number, inner: Frame | null): number | string => {
    const q = quantifierAt(i);
    const top = stack[stack.length - 1];
    if (inner) Object.assign(top, { repeats: top.repeats || inner.repeats, branches: top.branches || inner.branches });
    if (!q) return i;
    if (q.repeats && inner && (inner.repeats || inner.branches)) return hazard;
    top.repeats ||= q.repeats;
    return i + q.length + (pattern[i + q.length] === "?" ? 1 : 0);
  };
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    let next: number | string;
    if (c === "\\") next = quantified(i + 2, null);
    else if (c === "[") {
      let j = i + 1;
      if (pattern[j] === "^") j++;
      if (pattern[j] === "]") j++;
      while (j < pattern.length && pattern[j] !== "]") j += pattern[j] === "\\" ? 2 : 1;
      next = quantified(j + 1, null);
    } else if (c === "(") {
      stack.push({ repeats: false, branches: false });
      const prefix = /^\((\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>))?/.exec(pattern.slice(i))!;
      next = i + prefix[0].length;
    } else if (c === ")") {
      const inner = stack.length > 1 ? stack.pop()! : { repeats: false, branches: false };
      next = quantified(i + 1, inner);
    } else if (c === "|") {
      stack[stack.length - 1].branches = true;
      next = i + 1;
    } else if (c === "^" || c === "$") next = i + 1;
    else next = quantified(i + 1, null);
    if (typeof next === "string") return next;
    i = next;
  }
  return null;
}

/**
 * Whether a pattern is a whole regex that stays anchored (checked when a policy or rule is saved): it must compile
 * on its own, or `vm-1)|(?:x` would close the anchoring group and match every value starting with vm-1; and it
 * must not backtrack exponentially.
 */
export function regexError(pattern: string): string | null {
  try {
    new RegExp(pattern);
    anchoredRegex(pattern);
  } catch (e) {
    return (e as Error).message;
  }
  return backtrackingHazard(pattern);
}

// compiled once per pattern; a stored pattern that fails the save-time checks (written before them) matches nothing
const compiled = new Map<string, RegExp | null>();
function safeRegex(pattern: string): RegExp | null {
  if (!compiled.has(pattern)) {
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, regexError(pattern) === null ? anchoredRegex(pattern) : null);
  }
  return compiled.get(pattern)!;
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
      return safeRegex(m.value)?.test(value) ?? false;
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
