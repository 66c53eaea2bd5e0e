/**
 * The officers' voucher list (培训券清单): search by number, filters (status, kind, issuance mode, programme,
 * district, issue dates), holders masked, and 导出 Excel of what the filters show. A row opens the voucher in
 * the lookup page.
 */
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { date, fen } from '../../lib/format';
import { districtName, useDistricts, useProgrammes } from '../../lib/data';
import { searchColumn, useOfficerList } from '../../lib/OfficerList';
import { useSession } from '../../lib/session';
import { formQuery } from '../../lib/table';
import type { ItemOf } from '../../lib/api';
import { StatusTag } from '../../lib/ui';
import { OccupationLabel } from '../../lib/occupation';

type VoucherRow = ItemOf<'/api/v1/vouchers'>;

const STATES = ['issued', 'admitted', 'in_training', 'assessed', 'approved', 'settled', 'closed', 'expired', 'revoked', 'completed'];

export function VouchersPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const districts = useDistricts();
  const programmes = useProgrammes();
  const list = useOfficerList('/api/v1/vouchers', '/api/v1/vouchers/export.xlsx', (params) => {
    const q = formQuery(params);
    const range = Array.isArray(params.issuedAt) ? (params.issuedAt as string[]) : [];
    return { q: q.q, status: q.status, kind: q.kind, mode: q.mode, programmeId: q.programmeId, districtCode: q.districtCode, from: range[0], to: range[1] };
  });
  const columns: ProColumns<VoucherRow>[] = [
    searchColumn<VoucherRow>(t, t('vlist.searchHint')),
    {
      title: t('vlist.number'),
      dataIndex: 'number',
      search: false,
      render: (_, r) => (
        <Typography.Text copyable style={{ whiteSpace: 'nowrap' }}>
          {r.number}
        </Typography.Text>
      ),
    },
    { title: t('vlist.holder'), search: false, render: (_, r) => `${r.holder.name} ${r.holder.idNumberMasked}` },
    {
      title: t('voucher.kind'),
      dataIndex: 'kind',
      valueType: 'select',
      fieldProps: { options: ['subsidy', 'checkin_only'].map((k) => ({ value: k, label: t(`voucher.kind.${k}`) })) },
      render: (_, r) => t(`voucher.kind.${r.kind}`),
    },
    {
      title: t('voucher.mode'),
      dataIndex: 'mode',
      valueType: 'select',
      fieldProps: { options: ['targeted', 'custom', 'on_demand'].map((k) => ({ value: k, label: t(`voucher.mode.${k}`) })) },
      render: (_, r) => t(`voucher.mode.${r.mode}`),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      valueType: 'select',
      fieldProps: { options: STATES.map((s) => ({ value: s, label: t(`status.${s}`) })) },
      render: (_, r) => <StatusTag status={r.status} />,
    },
    {
      title: t('common.programme'),
      dataIndex: 'programmeId',
      valueType: 'select',
      fieldProps: { options: programmes.map((p) => ({ value: p.id, label: p.name })) },
      render: (_, r) => r.programme?.name ?? '—',
    },
    {
      title: t('common.occupation'),
      search: false,
      render: (_, r) =>
        r.occupationCode ? (
          <>
            <OccupationLabel code={r.occupationCode} /> · {t(`level.${r.level ?? 0}`)}
          </>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.district'),
      dataIndex: 'districtCode',
      valueType: 'select',
      hideInSearch: me.role === 'district_admin',
      fieldProps: { options: districts.map((d) => ({ value: d.code, label: d.name })) },
      render: (_, r) => districtName(districts, r.districtCode),
    },
    { title: t('vlist.estimate'), search: false, align: 'right', render: (_, r) => fen(r.subsidyEstimateFen) },
    { title: t('vlist.validUntil'), search: false, render: (_, r) => date(r.validUntil) },
    {
      title: t('vlist.issuedAt'),
      dataIndex: 'issuedAt',
      valueType: 'dateRange',
      fieldProps: { placeholder: [t('list.from'), t('list.to')] },
      search: { transform: (v: [string, string]) => ({ issuedAt: v }) },
      render: (_, r) => date(r.issuedAt),
    },
  ];
  return (
    <ProTable<VoucherRow>
      rowKey="id"
      headerTitle={t('menu.voucherList')}
      columns={columns}
      search={{ labelWidth: 'auto' }}
      scroll={{ x: 1200 }}
      pagination={{ defaultPageSize: 20, showSizeChanger: true }}
      request={list.request}
      toolBarRender={() => [list.exportButton]}
    />
  );
}
