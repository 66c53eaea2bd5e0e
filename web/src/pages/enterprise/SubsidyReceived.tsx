/**
 * 补贴到账: the enterprise's read-only list of the subsidy claims that concern it — paid to it, or made on a
 * customised voucher (定制券) it issued — with the sums paid at the top. Amounts from fen, dates in Shanghai, the
 * employee masked; states in words, no codes.
 */
import { useState } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Card, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getList, type ResponseOf } from '../../lib/api';
import { date, fen } from '../../lib/format';
import { EmptyHint } from '../../lib/ui';
import { formQuery, useTableRequest, type TableParams } from '../../lib/table';

type ClaimsPage = ResponseOf<'/api/v1/subsidy/enterprise-claims'>;
type Claim = ClaimsPage['items'][number];

const STATES = ['in_review', 'approved', 'held', 'rejected', 'in_batch', 'paid', 'failed'] as const;
const COLOURS: Record<string, string> = {
  in_review: 'gold',
  approved: 'blue',
  held: 'orange',
  rejected: 'red',
  in_batch: 'cyan',
  paid: 'green',
  failed: 'red',
};

export function SubsidyReceivedPage() {
  const { t } = useTranslation();
  const [sums, setSums] = useState<Pick<ClaimsPage, 'total' | 'paidFen' | 'paidToEnterpriseFen'> | null>(null);
  const thisYear = Number(date(new Date()).slice(0, 4));

  const request = useTableRequest<Claim>(async (params: TableParams, page) => {
    const q = formQuery(params);
    const r = await getList('/api/v1/subsidy/enterprise-claims', {
      ...(q.status ? { status: q.status } : {}),
      ...(q.year ? { year: q.year } : {}),
      limit: Math.min(page.limit, 200),
      offset: page.offset,
    });
    setSums({ total: r.total, paidFen: r.paidFen, paidToEnterpriseFen: r.paidToEnterpriseFen });
    return r;
  });

  const payee = (c: Claim) =>
    c.paidToThisEnterprise ? t('entClaim.payee.us') : c.payeeKnown ? t(`entClaim.payee.${c.payeeKind}`) : t('entClaim.payee.unknown');
  const nowrap = (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>;
  const columns: ProColumns<Claim>[] = [
    { title: t('claim.number'), dataIndex: 'number', search: false, render: (_, c) => nowrap(c.number) },
    { title: t('entClaim.employee'), dataIndex: 'employeeNameMasked', search: false, render: (_, c) => nowrap(c.employeeNameMasked ?? '—') },
    {
      title: t('entClaim.programme'),
      dataIndex: 'programmeName',
      search: false,
      render: (_, c) => (
        <Space size={4} wrap>
          {c.programmeName ?? '—'}
          {c.customVoucher && <Tag color="purple">{t('entClaim.custom')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('entClaim.occupation'),
      dataIndex: 'occupationName',
      search: false,
      render: (_, c) => `${c.occupationName ?? '—'} · ${t(`level.${c.level}`)}`,
    },
    {
      title: t('entClaim.class'),
      dataIndex: 'className',
      search: false,
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <span>{c.className ?? '—'}</span>
          <Typography.Text type="secondary">{c.providerName ?? '—'}</Typography.Text>
        </Space>
      ),
    },
    { title: t('entClaim.amount'), dataIndex: 'amountFen', search: false, align: 'right', render: (_, c) => nowrap(fen(c.amountFen)) },
    { title: t('entClaim.payee'), dataIndex: 'payeeKind', search: false, render: (_, c) => nowrap(payee(c)) },
    {
      title: t('common.status'),
      dataIndex: 'status',
      valueType: 'select',
      fieldProps: { options: STATES.map((s) => ({ value: s, label: t(`entClaim.state.${s}`) })) },
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Tag color={COLOURS[c.status]} data-status={c.status}>
            {t(`entClaim.state.${c.status}`)}
          </Tag>
          {c.status === 'approved' && c.noticeLastDay && (
            <Typography.Text type="secondary">{nowrap(t('entClaim.noticeUntil', { d: date(c.noticeLastDay) }))}</Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('entClaim.paidOn'), dataIndex: 'paidAt', search: false, render: (_, c) => nowrap(c.paidAt ? date(c.paidAt) : '—') },
    {
      title: t('common.year'),
      dataIndex: 'year',
      hideInTable: true,
      valueType: 'select',
      fieldProps: { options: [0, 1, 2].map((k) => ({ value: thisYear - k, label: String(thisYear - k) })) },
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('entClaim.intro')}
      </Typography.Paragraph>
      <Card size="small" data-testid="ent-claims-sums">
        <Space size="large" wrap>
          <Statistic title={t('entClaim.paidTotal')} value={sums ? fen(sums.paidFen) : '—'} />
          <Statistic title={t('entClaim.paidToUs')} value={sums ? fen(sums.paidToEnterpriseFen) : '—'} />
          <Statistic title={t('entClaim.count')} value={sums ? t('entClaim.countN', { n: sums.total }) : '—'} />
        </Space>
      </Card>
      <ProTable<Claim>
        rowKey="id"
        headerTitle={t('menu.enterpriseSubsidy')}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20 }}
        request={request}
        data-testid="ent-claims"
        locale={{ emptyText: <EmptyHint title={t('entClaim.emptyTitle')}>{t('entClaim.empty')}</EmptyHint> }}
      />
    </Space>
  );
}
