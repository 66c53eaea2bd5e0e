/**
 * The audit log as officers read it: each entry with its actor by name (the account's display name; 系统 for
 * jobs and the CLI), and the same list as an Excel file with the actions in words (the web app's labels).
 */
import type { Db } from '../../db/index.js';
import { shanghaiDateTime, zh, type ListExport } from '../../http/export.js';
import * as identity from '../identity/index.js';
import { scopeOf, type Actor } from '../identity/index.js';
import { list, type AuditQuery } from './service.js';

type Entry = Awaited<ReturnType<typeof list>>['items'][number];
export type NamedEntry = Entry & { actorName: string | null };

/** District admins read their district's entries only (the policy layer's scope; a scope anchored nowhere reads none). */
const scoped = (actor: Actor, f: Omit<AuditQuery, 'districtCode'>): AuditQuery => {
  const s = scopeOf(actor);
  return { ...f, districtCode: s.kind === 'all' ? undefined : s.kind === 'district' ? s.districtCode : '-' };
};

export async function listNamed(actor: Actor, db: Db, f: Omit<AuditQuery, 'districtCode'>): Promise<{ total: number; items: NamedEntry[] }> {
  const r = await list(db, scoped(actor, f));
  const names = await identity.displayNames(
    db,
    r.items.map((e) => e.actorId),
  );
  return { total: r.total, items: r.items.map((e) => ({ ...e, actorName: e.actorId ? (names.get(e.actorId) ?? null) : null })) };
}

/** An action in words: the web app's `auditAction.<action>` label, else the action as recorded. */
export const actionWords = (action: string): string => zh(`auditAction.${action}`, action);

export function auditExport(actor: Actor, db: Db, f: Omit<AuditQuery, 'districtCode' | 'limit' | 'offset'>): ListExport<NamedEntry> {
  return {
    list: 'audit_log',
    sheet: '审计日志',
    filters: f,
    page: (limit, offset) => listNamed(actor, db, { ...f, limit, offset }),
    columns: [
      { header: '序号', width: 8, value: (r) => r.id },
      { header: '时间', width: 20, value: (r) => shanghaiDateTime(r.at) },
      { header: '操作人', width: 14, value: (r) => r.actorName ?? (r.actorId ? '' : '系统') },
      { header: '角色', width: 12, value: (r) => (r.actorRole ? zh(`role.${r.actorRole}`, r.actorRole === 'system' ? '系统' : r.actorRole) : '系统') },
      { header: '操作', width: 20, value: (r) => actionWords(r.action) },
      { header: '对象类型', width: 16, value: (r) => zh(`auditEntity.${r.entityType}`, r.entityType) },
      { header: '对象编号', width: 38, value: (r) => r.entityId ?? '' },
      { header: '区划代码', width: 10, value: (r) => r.districtCode ?? '' },
      { header: '内容', width: 50, value: (r) => JSON.stringify(r.detail) },
      { header: '链/序号', width: 10, value: (r) => `${r.chain}/${r.seq}` },
      { header: '哈希', width: 66, value: (r) => r.hash },
    ],
  };
}
