import { useState } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Typography } from 'antd';
import { SafetyCertificateOutlined, ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, saveBlob, type Page } from '../../lib/api';
import { errorText } from '../../i18n';
import { dateTime, toCsv } from '../../lib/format';
import { useSession } from '../../lib/session';

interface Entry {
  id: number;
  chain: number;
  seq: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  districtCode: string | null;
  detail: Record<string, unknown>;
  hash: string;
}
interface Verify {
  ok: boolean;
  entries: number;
  chains: number;
  firstBroken?: { id: number; chain: number; seq: number; reason: string };
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { me, ops } = useSession();
  const [verify, setVerify] = useState<Verify | null>(null);
  const [busy, setBusy] = useState(false);
  const [rows, setRows] = useState<Entry[]>([]);
  const canVerify = (me.role === 'auditor' || me.role === 'city_admin') && ops.has('verifyAuditChain');

  const columns: ProColumns<Entry>[] = [
    { title: '#', dataIndex: 'id', search: false, width: 70 },
    { title: t('audit.at'), dataIndex: 'at', search: false, width: 170, render: (_, r) => dateTime(r.at) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorRole',
      search: false,
      width: 120,
      render: (_, r) => (r.actorRole ? (i18n.exists(`role.${r.actorRole}`) ? t(`role.${r.actorRole}`) : r.actorRole) : 'SYSTEM'),
    },
    { title: t('audit.action'), dataIndex: 'action', render: (_, r) => <Typography.Text code>{r.action}</Typography.Text> },
    { title: t('audit.entityType'), dataIndex: 'entityType' },
    { title: t('audit.entityId'), dataIndex: 'entityId', ellipsis: true, render: (_, r) => r.entityId ?? '—' },
    { title: t('common.district'), dataIndex: 'districtCode', search: false, width: 90, render: (_, r) => r.districtCode ?? '—' },
    {
      title: t('audit.detail'),
      dataIndex: 'detail',
      search: false,
      ellipsis: true,
      render: (_, r) => <span style={{ fontFamily: 'monospace', fontSize: 12 }}>{JSON.stringify(r.detail)}</span>,
    },
    { title: t('audit.chainSeq'), search: false, width: 90, render: (_, r) => `${r.chain}/${r.seq}` },
    {
      title: t('audit.hash'),
      dataIndex: 'hash',
      search: false,
      width: 110,
      render: (_, r) => <Typography.Text copyable={{ text: r.hash }}>{r.hash.slice(0, 8)}…</Typography.Text>,
    },
  ];

  const run = async () => {
    setBusy(true);
    try {
      setVerify(await api.post<Verify>('/audit/verify'));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {verify && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          closable
          onClose={() => setVerify(null)}
          data-testid="verify-result"
          type={verify.ok ? 'success' : 'error'}
          message={verify.ok || !verify.firstBroken ? t('audit.verifyOk', { ...verify }) : t('audit.verifyBroken', { ...verify.firstBroken })}
        />
      )}
      <ProTable<Entry, { action?: string; entityType?: string; entityId?: string }>
        rowKey="id"
        headerTitle={t('menu.audit')}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        request={async (params) => {
          const { current = 1, pageSize = 20, action, entityType, entityId } = params;
          try {
            const r = await api.get<Page<Entry>>('/audit', {
              action: action?.trim(),
              entityType: entityType?.trim(),
              entityId: entityId?.trim(),
              limit: pageSize,
              offset: (current - 1) * pageSize,
            });
            setRows(r.items);
            return { data: r.items, total: r.total, success: true };
          } catch (e) {
            message.error(errorText(e));
            return { data: [], total: 0, success: false };
          }
        }}
        toolBarRender={() => [
          <Button
            key="exp"
            icon={<ExportOutlined />}
            onClick={() =>
              saveBlob(
                toCsv(
                  ['id', 'at', 'actorRole', 'action', 'entityType', 'entityId', 'districtCode', 'chain', 'seq', 'hash', 'detail'],
                  rows.map((r) => [
                    r.id,
                    r.at,
                    r.actorRole,
                    r.action,
                    r.entityType,
                    r.entityId,
                    r.districtCode,
                    r.chain,
                    r.seq,
                    r.hash,
                    JSON.stringify(r.detail),
                  ]),
                ),
                'audit.csv',
              )
            }
          >
            {t('common.exportCsv')}
          </Button>,
          canVerify && (
            <Button key="v" type="primary" icon={<SafetyCertificateOutlined />} loading={busy} onClick={run} data-testid="verify-chain">
              {t('audit.verify')}
            </Button>
          ),
        ]}
      />
    </>
  );
}
