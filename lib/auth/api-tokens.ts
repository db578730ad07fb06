import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new API token; only its hash is stored, the token itself is returned once. */
export async function createApiToken(db: Db, input: { userId: number; name: string }) {
  const token = `csp_${randomBytes(24).toString("base64url")}`;
  const row = await db.apiToken.create({ data: { userId: input.userId, name: input.name, tokenHash: hash(token), prefix: token.slice(0, 8) } });
  return { id: row.id, name: row.name, token };
}

/** The enabled user behind a bearer token, or null. */
export async function userForApiToken(db: Db, token: string) {
  const row = await db.apiToken.findUnique({ where: { tokenHash: hash(token) }, include: { user: true } });
  if (!row || row.revokedAt || !row.user.enabled) return null;
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return row.user;
}
