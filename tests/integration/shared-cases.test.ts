import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { casesDir } from "../support/paths";
import { compareCase, runCase } from "../support/run-case";
import { createTestDatabase, dropTemplate } from "../support/test-db";

const cases = fs.readdirSync(casesDir).filter((d) => fs.existsSync(path.join(casesDir, d, "expected.json"))).sort();
const originalTz = process.env.TZ;

// The same results whatever the process's TZ and the database session's TimeZone.
const settings = [
  { processTz: "UTC", sessionTz: "UTC" },
  { processTz: "America/Los_Angeles", sessionTz: "Pacific/Chatham" },
];

describe.each(settings)("shared cases (TZ=$processTz, session TimeZone=$sessionTz)", ({ processTz, sessionTz }) => {
  afterAll(async () => {
    process.env.TZ = originalTz;
  });
  for (const name of cases) {
    it(name, async () => {
      process.env.TZ = processTz;
      const t = await createTestDatabase(`it_case_${name.replace(/\W/g, "_")}`, { sessionTimeZone: sessionTz });
      try {
        expect(compareCase(await runCase(t, path.join(casesDir, name)))).toEqual([]);
        // re-running the whole ingestion changes nothing
        expect(compareCase(await runCase(t, path.join(casesDir, name)))).toEqual([]);
      } finally {
        await t.drop();
      }
    });
  }
});

afterAll(dropTemplate);
