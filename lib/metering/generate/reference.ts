import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readCsv } from "../../reference/read-csv";

// The three reference files in the shared import format (see ../shared/data/README.md), as plain string rows.
export type ProviderRow = { provider_code: string; provider_name: string; region_codes: string };
export type TenantRow = {
  project_id: string; project_name: string; vdc_code: string; vdc_name: string;
  department_code: string; department_name: string; discount_rate: string;
};
export type CatalogRow = {
  item_code: string; provider_code: string; category: string; item_name: string; service_type_code: string;
  resource_type_code: string; resource_spec_code: string; factor: string; unit: string; unit_price: string;
  valid_from: string; valid_to: string;
};
export type Reference = { providers: ProviderRow[]; tenants: TenantRow[]; catalog: CatalogRow[] };

/** prisma/seed-data: the copy of the shared reference that ships with the project (found from this file, not the cwd). */
export function seedDataDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../prisma/seed-data");
}

function rows<T>(file: string): T[] {
  const [head, ...body] = readCsv(fs.readFileSync(file, "utf8"));
  if (!head) return [];
  const names = head.fields.map((h) => h.trim());
  return body.map((r) => Object.fromEntries(names.map((n, i) => [n, (r.fields[i] ?? "").trim()])) as T);
}

/** Reads providers.csv, tenants.csv and catalog.csv from a folder (default: prisma/seed-data). */
export function readReference(dir = seedDataDir()): Reference {
  return {
    providers: rows<ProviderRow>(path.join(dir, "providers.csv")),
    tenants: rows<TenantRow>(path.join(dir, "tenants.csv")),
    catalog: rows<CatalogRow>(path.join(dir, "catalog.csv")),
  };
}
