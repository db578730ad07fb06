/**
 * The usage that counts, as SQL: rows of current file versions, one record per record key and month —
 * a corrected record (30) wins over normal ones (20) whatever the order of arrival, the later TimeStamp wins
 * between corrections, and a repeated 20 is a duplicate (the first to arrive counts).
 * `where` filters usage_record rows (alias r) before the choice, e.g. "r.month = $1".
 */
export function effectiveUsageSql(where = "TRUE"): string {
  return `SELECT DISTINCT ON (r.month, r.record_key) r.*
    FROM usage_record r JOIN cdr_file f ON f.id = r.file_id AND f.current
    WHERE ${where}
    ORDER BY r.month, r.record_key, (r.record_type = 30) DESC,
      CASE WHEN r.record_type = 30 THEN r.produced_at END DESC NULLS LAST, r.file_id, r.line_no`;
}
