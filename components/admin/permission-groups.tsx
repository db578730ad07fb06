"use client";

import { Checkbox, Col, Row, Tooltip, Typography } from "antd";
import { PERMISSION_CODES, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { SCOPE_KIND_NAMES, type ScopeKind } from "@/lib/auth/scope";
import { ADMIN_MESSAGES } from "@/lib/i18n/messages-admin";
import type { MessageKey } from "@/lib/i18n/messages";
import { useT } from "@/components/layout/locale";

/** The permission catalog grouped by module, in catalog order. */
export const PERMISSION_MODULES: { module: string; permissions: Permission[] }[] = PERMISSION_CODES.reduce<{ module: string; permissions: Permission[] }[]>((groups, p) => {
  const module = PERMISSIONS[p].module;
  const group = groups.find((g) => g.module === module);
  if (group) group.permissions.push(p);
  else groups.push({ module, permissions: [p] });
  return groups;
}, []);

const hasAdminMessage = (key: string): key is MessageKey & keyof typeof ADMIN_MESSAGES => Object.prototype.hasOwnProperty.call(ADMIN_MESSAGES, key);

/**
 * Names of codes that lib/ names in Chinese (permissions, modules, scope kinds, statuses…): in English when the
 * locale is en and messages-admin.ts has the code, else the Chinese name as lib/ gives it.
 */
export function useAdminNames() {
  const { locale, t } = useT();
  const named = (key: string, chinese: string) => (locale === "en" && hasAdminMessage(key) ? t(key) : chinese);
  return {
    named,
    permission: (p: Permission) => named(`admin.perm.${p}`, PERMISSIONS[p]?.label ?? p),
    module: (m: string) => named(`admin.module.${m}`, m),
    scope: (k: string) => named(`admin.scope.${k}`, Object.prototype.hasOwnProperty.call(SCOPE_KIND_NAMES, k) ? SCOPE_KIND_NAMES[k as ScopeKind] : k),
  };
}

/** A role's permissions as text, one line per module it touches. */
export function PermissionSummary({ permissions }: { permissions: readonly Permission[] }) {
  const { t } = useT();
  const names = useAdminNames();
  const lines = PERMISSION_MODULES.map((g) => ({ module: g.module, labels: g.permissions.filter((p) => permissions.includes(p)).map(names.permission) })).filter((g) => g.labels.length);
  if (!lines.length) return <Typography.Text type="secondary">{t("admin.permGrid.none")}</Typography.Text>;
  return (
    <div style={{ fontSize: 13, lineHeight: 1.7 }}>
      {lines.map((g) => <div key={g.module}><Typography.Text type="secondary">{t("admin.permGrid.moduleLine", { module: names.module(g.module) })}</Typography.Text>{g.labels.join(t("admin.common.listSeparator"))}</div>)}
    </div>
  );
}

/**
 * The checkbox grid of a role form (value and onChange come from Form.Item): one block per module with a
 * check-all box; permissions the operator lacks are shown but cannot be granted.
 */
export function PermissionGrid({ value = [], onChange, grantable }: { value?: Permission[]; onChange?: (v: Permission[]) => void; grantable: readonly Permission[] }) {
  const { t } = useT();
  const names = useAdminNames();
  const set = (next: Set<Permission>) => onChange?.(PERMISSION_CODES.filter((p) => next.has(p)));
  return (
    <div style={{ display: "grid", gap: 12 }}>
      {PERMISSION_MODULES.map((g) => {
        const mine = g.permissions.filter((p) => grantable.includes(p));
        const chosen = mine.filter((p) => value.includes(p));
        return (
          <div key={g.module} style={{ border: "1px solid #f0f0f0", borderRadius: 6, padding: "8px 12px" }}>
            <Checkbox
              disabled={!mine.length} checked={mine.length > 0 && chosen.length === mine.length} indeterminate={chosen.length > 0 && chosen.length < mine.length}
              onChange={(e) => { const next = new Set(value); mine.forEach((p) => (e.target.checked ? next.add(p) : next.delete(p))); set(next); }}
            >
              <Typography.Text strong>{names.module(g.module)}</Typography.Text>
            </Checkbox>
            <Row gutter={[8, 4]} style={{ marginTop: 6, paddingInlineStart: 24 }}>
              {g.permissions.map((p) => {
                const box = (
                  <Checkbox
                    checked={value.includes(p)} disabled={!grantable.includes(p)}
                    onChange={(e) => { const next = new Set(value); if (e.target.checked) next.add(p); else next.delete(p); set(next); }}
                  >
                    {names.permission(p)}
                  </Checkbox>
                );
                return <Col key={p} xs={24} sm={12}>{grantable.includes(p) ? box : <Tooltip title={t("admin.permGrid.notGrantable")}>{box}</Tooltip>}</Col>;
              })}
            </Row>
          </div>
        );
      })}
    </div>
  );
}
