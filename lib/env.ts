import { z } from "zod";

// The one place that reads process.env. Everything has a default that works on a developer machine.
const schema = z.object({
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
  DATA_DIR: z.string().default(".data"),
  SFTP_HOST: z.string().optional(),
  SFTP_PORT: z.coerce.number().int().positive().default(22),
  SFTP_USERNAME: z.string().optional(),
  SFTP_PASSWORD: z.string().optional(),
  SFTP_PRIVATE_KEY_PATH: z.string().optional(),
  SFTP_ROOT: z.string().default("/opt/meterfiles/uploads"),
  SFTP_SOURCE: z.string().default("sftp"),
  SFTP_POLL_SECONDS: z.coerce.number().positive().default(60),
  SFTP_TIMEOUT_MS: z.coerce.number().int().positive().default(20000),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(2),
  WORKER_LOCK_MS: z.coerce.number().int().positive().default(30000),
  QUEUE_PREFIX: z.string().default("bull"),
  NEXTAUTH_SECRET: z.string().default("dev-only-secret-change-me"),
  PORT: z.coerce.number().int().positive().default(3000),
  // e-mail notifications: none are sent unless SMTP_HOST is set; SMTP_SECURE=true for implicit TLS (port 465)
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().positive().default(587),
  SMTP_SECURE: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().optional(),
  /** the portal's address as mail readers reach it (https://...), so e-mailed links open; relative links without it */
  PORTAL_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
});

export type Env = z.infer<typeof schema>;

export const env: Env = schema.parse(process.env);

export function requireDatabaseUrl(): string {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set (e.g. postgresql://postgres@127.0.0.1:5432/postgres)");
  return env.DATABASE_URL;
}
