// The filter policies' matchers: all conditions must hold, eq/neq compare exactly, regex matches the whole value,
// and a condition on an attribute the alarm lacks never matches.
import { describe, expect, test } from "vitest";
import { alarmAttributes, defaultFingerprint } from "../../lib/alarms/alarm-input";
import { suppressingPolicy } from "../../lib/alarms/filter-policies";
import { describeMatchers, matchersSchema, policyMatches, type Matcher } from "../../lib/alarms/matchers";

const vm1 = { source: "zabbix", name: "CPU 使用率过高", severity: "major", resource: "vm-1", env: "prod" };
const vm10 = { ...vm1, resource: "vm-10" };

describe("policyMatches", () => {
  test("a not-equal condition on an attribute the alarm lacks does not suppress it", () => {
    expect(policyMatches(vm1, [{ attribute: "datacenter", op: "neq", value: "dc-2" }])).toBe(false);
    // while on a present attribute it does
    expect(policyMatches(vm1, [{ attribute: "env", op: "neq", value: "test" }])).toBe(true);
    expect(policyMatches(vm1, [{ attribute: "env", op: "neq", value: "prod" }])).toBe(false);
  });

  test("vm-1 does not match vm-10, neither with eq nor with the regex vm-1", () => {
    const eq: Matcher[] = [{ attribute: "resource", op: "eq", value: "vm-1" }];
    const regex: Matcher[] = [{ attribute: "resource", op: "regex", value: "vm-1" }];
    expect([policyMatches(vm1, eq), policyMatches(vm10, eq)]).toEqual([true, false]);
    expect([policyMatches(vm1, regex), policyMatches(vm10, regex)]).toEqual([true, false]);
    // a regex that means "vm-1 and more" has to say so
    expect(policyMatches(vm10, [{ attribute: "resource", op: "regex", value: "vm-1.*" }])).toBe(true);
  });

  test("eq and neq are exact and case-sensitive", () => {
    expect(policyMatches(vm1, [{ attribute: "env", op: "eq", value: "Prod" }])).toBe(false);
    expect(policyMatches(vm1, [{ attribute: "env", op: "eq", value: "prod " }])).toBe(false);
    expect(policyMatches(vm1, [{ attribute: "env", op: "neq", value: "Prod" }])).toBe(true);
  });

  test("every condition must hold; an empty list matches nothing", () => {
    const both: Matcher[] = [{ attribute: "env", op: "eq", value: "prod" }, { attribute: "severity", op: "regex", value: "major|critical" }];
    expect(policyMatches(vm1, both)).toBe(true);
    expect(policyMatches({ ...vm1, severity: "minor" }, both)).toBe(false);
    expect(policyMatches(vm1, [])).toBe(false);
  });

  test("an alternation is anchored as a whole: (?:a|b) not ^a|b$", () => {
    const m: Matcher[] = [{ attribute: "resource", op: "regex", value: "vm-1|vm-2" }];
    expect(["vm-1", "vm-2", "vm-10", "xvm-2", "vm-1x"].map((resource) => policyMatches({ resource }, m))).toEqual([true, true, false, false, false]);
  });

  test("regex special characters in values: escaped they are literal, unescaped they are operators", () => {
    const dotted = { resource: "10.0.0.1:9100" };
    expect(policyMatches(dotted, [{ attribute: "resource", op: "regex", value: "10\\.0\\.0\\.1:9100" }])).toBe(true);
    expect(policyMatches({ resource: "10a0b0c1:9100" }, [{ attribute: "resource", op: "regex", value: "10\\.0\\.0\\.1:9100" }])).toBe(false);
    expect(policyMatches({ resource: "10a0b0c1:9100" }, [{ attribute: "resource", op: "regex", value: "10.0.0.1:9100" }])).toBe(true);
    // eq never treats them as operators
    expect(policyMatches(dotted, [{ attribute: "resource", op: "eq", value: "10.0.0.1:9100" }])).toBe(true);
    expect(policyMatches({ resource: "a+b(c)" }, [{ attribute: "resource", op: "eq", value: "a+b(c)" }])).toBe(true);
    expect(policyMatches({ resource: "a+b(c)" }, [{ attribute: "resource", op: "regex", value: "a\\+b\\(c\\)" }])).toBe(true);
  });

  test("tags match as tag:<name> = \"true\"; named fields win over labels of the same name", () => {
    const attributes = alarmAttributes({ source: "alertmanager", name: "NodeDown", severity: "critical", resource: "n1", labels: { severity: "page", env: "prod" }, tags: ["db", "core"], providerCode: "CT" });
    expect(attributes).toEqual({ severity: "critical", env: "prod", "tag:db": "true", "tag:core": "true", source: "alertmanager", name: "NodeDown", resource: "n1", provider: "CT" });
    expect(policyMatches(attributes, [{ attribute: "tag:db", op: "eq", value: "true" }])).toBe(true);
    expect(policyMatches(attributes, [{ attribute: "tag:web", op: "eq", value: "true" }])).toBe(false);
    expect(policyMatches(attributes, [{ attribute: "department", op: "neq", value: "WJW" }])).toBe(false);
  });
});

describe("saving matchers", () => {
  test("an empty list is refused", () => {
    const r = matchersSchema.safeParse([]);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual(["请至少添加一个匹配条件"]);
  });

  test("a bad regex is an error on its row's value", () => {
    const r = matchersSchema.safeParse([{ attribute: "env", op: "eq", value: "prod" }, { attribute: "resource", op: "regex", value: "vm-(1" }]);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path)).toEqual([[1, "value"]]);
    expect(r.error!.issues[0].message).toMatch(/^第 2 个条件的正则表达式无效/);
  });

  test("a blank attribute and an unknown op are refused", () => {
    const r = matchersSchema.safeParse([{ attribute: " ", op: "eq", value: "x" }, { attribute: "env", op: "like", value: "x" }]);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(["0.attribute", "1.op"]);
  });

  test("matchers read in one line", () => {
    expect(describeMatchers([{ attribute: "env", op: "eq", value: "test" }, { attribute: "resource", op: "neq", value: "vm-1" }, { attribute: "name", op: "regex", value: "Disk.*" }]))
      .toBe("env = test 且 resource ≠ vm-1 且 name ~ Disk.*");
  });
});

describe("which policy hides an alarm", () => {
  const policies = [
    { id: 3, name: "测试环境", matchers: [{ attribute: "env", op: "eq", value: "test" }] as Matcher[] },
    { id: 7, name: "vm-1 维护", matchers: [{ attribute: "resource", op: "eq", value: "vm-1" }] as Matcher[] },
  ];
  test("the oldest matching policy, or the current one while it still matches", () => {
    const both = { ...vm1, env: "test" };
    expect(suppressingPolicy(policies, both)?.id).toBe(3);
    expect(suppressingPolicy(policies, both, 7)?.id).toBe(7);
    expect(suppressingPolicy(policies, vm10, 7)).toBeNull();
  });
});

describe("default fingerprint", () => {
  test("the labels' order does not matter; source, name, resource and labels do", () => {
    const a = defaultFingerprint({ source: "zabbix", name: "x", resource: "vm-1", labels: { a: "1", b: "2" } });
    expect(defaultFingerprint({ source: "zabbix", name: "x", resource: "vm-1", labels: { b: "2", a: "1" } })).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set([
      a, defaultFingerprint({ source: "zabbix", name: "x", resource: "vm-10", labels: { a: "1", b: "2" } }),
      defaultFingerprint({ source: "zabbix", name: "x", resource: "vm-1", labels: { a: "1" } }), defaultFingerprint({ source: "prom", name: "x", resource: "vm-1", labels: { a: "1", b: "2" } }),
    ]).size).toBe(4);
  });
});
