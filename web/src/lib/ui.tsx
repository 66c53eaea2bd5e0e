import type { ReactNode } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = {
  open: 'green',
  active: 'green',
  issued: 'blue',
  admitted: 'cyan',
  in_training: 'geekblue',
  assessed: 'purple',
  approved: 'gold',
  settled: 'green',
  paid: 'green',
  completed: 'green',
  done: 'green',
  passed: 'green',
  pass: 'green',
  confirmed: 'green',
  cleared: 'default',
  closed: 'default',
  expired: 'default',
  cancelled: 'default',
  revoked: 'red',
  failed: 'red',
  fail: 'red',
  rejected: 'red',
  suspended: 'red',
  disabled: 'red',
  review: 'orange',
  flagged: 'orange',
  pending: 'orange',
  running: 'processing',
  draft: 'default',
  submitted: 'blue',
  sent: 'blue',
  registered: 'blue',
  planned: 'default',
  reconciled: 'green',
  reconciling: 'processing',
  file_ready: 'blue',
  generating: 'processing',
  building: 'processing',
  in_review: 'orange',
  held: 'volcano',
  in_batch: 'processing',
  accepted: 'green',
  withdrawn: 'default',
  in_notice: 'gold',
};

export function StatusTag({ status }: { status: string | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (!status) return <>—</>;
  const key = `status.${status}`;
  return (
    <Tag color={COLORS[status] ?? 'default'} data-status={status}>
      {i18n.exists(key) ? t(key) : status}
    </Tag>
  );
}

/**
 * An empty list's hint: what would appear here and what to do (a sentence or two, an action where the role
 * may take it) — never a bare 暂无数据.
 */
export function EmptyHint({ title, children, action, testId }: { title: string; children?: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId ?? 'empty-hint'} style={{ padding: '24px 16px', textAlign: 'center', color: 'rgba(0,0,0,0.65)' }}>
      <div style={{ fontSize: 15, fontWeight: 500, marginBottom: 6, color: 'rgba(0,0,0,0.85)' }}>{title}</div>
      {children ? <div style={{ maxWidth: 640, margin: '0 auto', lineHeight: 1.7 }}>{children}</div> : null}
      {action ? <div style={{ marginTop: 12 }}>{action}</div> : null}
    </div>
  );
}
