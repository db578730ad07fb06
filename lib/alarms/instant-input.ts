import { z } from "zod";
import { shanghaiDayStart } from "../time/shanghai";

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * An instant as forms and machines send it: a Date, an ISO time with its offset, or Shanghai wall-clock text
 * ("2026-01-05 09:00", what the portal's pickers send whatever the browser's time zone).
 */
export const instantInput = z.union([
  z.date(),
  z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
  z.string().regex(WALL_CLOCK, "时间格式应为 YYYY-MM-DD HH:mm").transform((s) => {
    const [, day, h, m, sec] = WALL_CLOCK.exec(s)!;
    return new Date(shanghaiDayStart(day) + ((Number(h) * 60 + Number(m)) * 60 + Number(sec ?? 0)) * 1000);
  }),
], { message: "时间格式应为 YYYY-MM-DD HH:mm" });
