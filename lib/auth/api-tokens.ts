import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db";
import { recordAudit } from "../audit/record-audit";

// a token is a credential: its creation and revocation are audited as the owner's own acts
const ownerOf = async (db: Pick<Db, "user">, userId: number) => {
  const u = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return { userId, name: `${u.displayName}（${u.username}）` };
};

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new API token; only its hash is stored, the token itself is returned once. */
export async function createApiToken(db: Db, input: { userId: number; name: string }) {
  const token = `csp_${randomBytes(24).toString("base64url")}`;
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({ data: { userId: input.userId, name: input.name, tokenHash: hash(token), prefix: token.slice(0, 8) } });
    await recordAudit(tx, { actor: await ownerOf(tx, input.userId), action: "auth.token-create", entity: "api-token", entityId: created.id, summary: `创建 API 令牌 ${created.name}（${created.prefix}…）` });
    return created;
  });
  return { id: row.id, name: row.name, token };
}

/** The enabled user behind a bearer token, or null. */
export async function userForApiToken(db: Db, token: string) {
  const row = await db.apiToken.findUnique({ where: { tokenHash: hash(token) }, include: { user: true } });
  if (!row || row.revokedAt || !row.user.enabled) return null;
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return row.user;
}

export type ApiTokenRow = { id: number; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

/** The user's own tokens, newest first (never the token itself: only its prefix). */
export async function listApiTokens(db: Db, input: { userId: number }): Promise<ApiTokenRow[]> {
  const rows = await db.apiToken.findMany({ where: { userId: input.userId }, orderBy: { id: "desc" } });
  return rows.map((t) => ({ id: t.id, name: t.name, prefix: t.prefix, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null }));
}

/** Revokes one of the user's own tokens; the owner is part of the WHERE clause, so nobody revokes another's. */
export async function revokeApiToken(db: Db, input: { userId: number; tokenId: number }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id: input.tokenId, userId: input.userId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 1) await recordAudit(tx, { actor: await ownerOf(tx, input.userId), action: "auth.token-revoke", entity: "api-token", entityId: input.tokenId, summary: `撤销 API 令牌 #${input.tokenId}` });
    return count === 1;
  });
}
