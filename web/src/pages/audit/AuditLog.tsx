import { useState } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Descriptions, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, ok, type ItemOf, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { dateTime } from '../../lib/format';
import { districtName, useDistricts } from '../../lib/data';
import { searchColumn, useOfficerList } from '../../lib/OfficerList';
import { useSession } from '../../lib/session';
import { formQuery } from '../../lib/table';
import { strings } from '../../i18n/strings';

type Entry = ItemOf<'/api/v1/audit'>;
type Verify = ResponseOf<'/api/v1/audit/verify', 'post'>;

/** Every action and object type the log has words for (the filters' options). */
const ACTIONS = Object.keys(strings)
  .filter((k) => k.startsWith('auditAction.'))
  .map((k) => k.slice('auditAction.'.length));
const ENTITIES = Object.keys(strings)
  .filter((k) => k.startsWith('auditEntity.'))
  .map((k) => k.slice('auditEntity.'.length));

/** The object by the number people use for it (claim, batch, voucher number; a person's masked name), when the entry names one. */
function objectRef(r: Entry): string {
  const d = r.detail;
  for (const k of ['number', 'claimNumber', 'voucherNumber', 'batchNumber', 'username', 'name']) {
    const v = d[k];
    if (typeof v === 'string' && v) return v;
  }
  return '—';
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { me, ops } = useSession();
  const districts = useDistricts();
  const [verify, setVerify] = useState<Verify | null>(null);
  const [busy, setBusy] = useState(false);
  const canVerify = (me.role === 'auditor' || me.role === 'city_admin') && ops.has('verifyAuditChain');
  const list = useOfficerList('/api/v1/audit', '/api/v1/audit/export.xlsx', (params) => {
    const q = formQuery(params);
    const range = Array.isArray(params.at) ? (params.at as string[]) : [];
    return { action: q.action, entityType: q.entityType, entityId: q.q, from: range[0], to: range[1] };
  });
  const words = (prefix: string, v: string) => (i18n.exists(`${prefix}.${v}`) ? t(`${prefix}.${v}`) : v);

  const columns: ProColumns<Entry>[] = [
    searchColumn<Entry>(t, t('audit.searchHint')),
    { title: '#', dataIndex: 'id', search: false, width: 70 },
    {
      title: t('audit.at'),
      dataIndex: 'at',
      valueType: 'dateRange',
      width: 170,
      fieldProps: { placeholder: [t('list.from'), t('list.to')] },
      search: { transform: (v: [string, string]) => ({ at: v }) },
      render: (_, r) => dateTime(r.at),
    },
    {
      title: t('audit.actorName'),
      dataIndex: 'actorName',
      search: false,
      width: 150,
      render: (_, r) => (
        <span data-testid="audit-actor">
          {r.actorId ? (r.actorName ?? '—') : t('audit.system')}
          {r.actorRole && r.actorRole !== 'system' && (
            <Typography.Text type="secondary" style={{ marginLeft: 4, fontSize: '0.75rem' }}>
              {words('role', r.actorRole)}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      valueType: 'select',
      fieldProps: { showSearch: true, optionFilterProp: 'label', options: ACTIONS.map((a) => ({ value: a, label: words('auditAction', a) })) },
      render: (_, r) => <span data-testid="audit-action">{words('auditAction', r.action)}</span>,
    },
    {
      title: t('audit.entityType'),
      dataIndex: 'entityType',
      valueType: 'select',
      fieldProps: { showSearch: true, optionFilterProp: 'label', options: ENTITIES.map((a) => ({ value: a, label: words('auditEntity', a) })) },
      render: (_, r) => words('auditEntity', r.entityType),
    },
    { title: t('audit.object'), search: false, render: (_, r) => objectRef(r) },
    {
      title: t('common.district'),
      dataIndex: 'districtCode',
      search: false,
      width: 90,
      render: (_, r) => (r.districtCode ? districtName(districts, r.districtCode) : '—'),
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
      setVerify(await ok(client.POST('/api/v1/audit/verify')));
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
      <ProTable<Entry>
        rowKey="id"
        headerTitle={t('menu.audit')}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        scroll={{ x: 1200 }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        request={list.request}
        expandable={{
          // the record as stored (identifiers and the detail as recorded): on demand, for the auditor
          expandedRowRender: (r) => (
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('audit.entityId')}>{r.entityId ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('audit.detail')}>
                <span style={{ fontFamily: 'monospace', fontSize: '0.75rem', wordBreak: 'break-all' }}>{JSON.stringify(r.detail)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('audit.hash')}>
                <span style={{ fontFamily: 'monospace', fontSize: '0.75rem' }}>{r.hash}</span>
              </Descriptions.Item>
            </Descriptions>
          ),
        }}
        toolBarRender={() => [
          list.exportButton,
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
