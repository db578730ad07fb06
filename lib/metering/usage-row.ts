/** A usage_record row as the portal shows it: the raw CDR fields, where it came from, and how it was rated. */
export type UsageRow = {
  fileId: number; filePath: string; lineNo: number; part: number; recordType: number; userId: string; regionCode: string;
  resourceId: string; resourceTypeCode: string; resourceSpecCode: string; beginTime: string; endTime: string; factorName: string;
  factorValue: string; month: string; departmentCode: string | null; itemCode: string | null;
  /** quantity in the price item's unit and amount before the line's rounding (exact to the division's scale) */
  quantity: string | null; amount: string | null;
};

/** The select list producing UsageRow from usage_record u joined to cdr_file f, department d and price_item p. */
export const USAGE_ROW_COLUMNS = `u.file_id AS "fileId", f.path AS "filePath", u.line_no AS "lineNo", u.part::int AS part, u.record_type::int AS "recordType",
  u.user_id AS "userId", u.region_code AS "regionCode", u.resource_id AS "resourceId", u.resource_type_code AS "resourceTypeCode",
  u.resource_spec_code AS "resourceSpecCode", u.part_begin AS "beginTime", u.part_end AS "endTime", u.factor_name AS "factorName",
  u.factor_value::text AS "factorValue", u.month, d.code AS "departmentCode", p.item_code AS "itemCode",
  (u.numerator / u.denominator)::text AS quantity, (u.numerator / u.denominator * p.unit_price)::text AS amount`;

export const USAGE_ROW_JOINS = `JOIN cdr_file f ON f.id = u.file_id
  LEFT JOIN department d ON d.id = u.department_id
  LEFT JOIN price_item p ON p.id = u.price_item_id`;

export function toUsageRow(r: UsageRow & { beginTime: Date | string; endTime: Date | string }): UsageRow {
  return { ...r, beginTime: new Date(r.beginTime).toISOString(), endTime: new Date(r.endTime).toISOString() };
}
