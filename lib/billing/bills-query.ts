import { z } from "zod";

/** The query of every bills export (REST API, spreadsheet download). */
export const billsQuerySchema = z.object({
  month: z.string({ error: "month is required, e.g. month=2025-03" }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must be YYYY-MM, e.g. 2025-03"),
});
