import { useMemo, useRef, useState } from 'react';
import { ModalForm, ProFormDigit, ProFormSelect, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Card } from 'antd';
import { PlusOutlined, ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, getList, saveBlob, type ItemOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { fen, toCsv, yuanToFen } from '../../lib/format';
import { useDistricts, useProgrammes } from '../../lib/data';
import { useSession } from '../../lib/session';
import { Chart } from '../../lib/Chart';
import { formQuery, useTableRequest } from '../../lib/table';
import { DebtorAccountsCard } from './DebtorAccounts';

type Budget = ItemOf<'/api/v1/budgets'>;

const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

export function BudgetsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const canEdit = me.role === 'city_admin';
  const districts = useDistricts();
  const programmes = useProgrammes();
  const ref = useRef<ActionType>(undefined);
  const [rows, setRows] = useState<Budget[]>([]);
  const [open, setOpen] = useState(false);
  const request = useTableRequest<Budget>(
    (params, page) => getList('/api/v1/budgets', { ...formQuery(params), ...page }),
    (items) => setRows(items),
  );

  const columns: ProColumns<Budget>[] = [
    {
      title: t('common.year'),
      dataIndex: 'year',
      valueType: 'digit',
      initialValue: thisYear,
      width: 90,
      fieldProps: { precision: 0 },
      render: (_, r) => r.year,
    },
    {
      title: t('common.programme'),
      dataIndex: 'programmeId',
      valueType: 'select',
      fieldProps: { options: programmes.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` })) },
      render: (_, r) => programmes.find((p) => p.id === r.programmeId)?.name ?? r.programmeCode,
    },
    {
      title: t('common.district'),
      dataIndex: 'districtCode',
      valueType: 'select',
      hideInSearch: me.role === 'district_admin',
      fieldProps: { options: districts.map((d) => ({ value: d.code, label: d.name })), showSearch: true },
      render: (_, r) => r.districtName,
    },
    { title: t('budget.amount'), dataIndex: 'amountFen', search: false, align: 'right', render: (_, r) => fen(r.amountFen) },
  ];

  const option = useMemo(() => {
    const by = new Map<string, number>();
    for (const r of rows) by.set(r.districtName, (by.get(r.districtName) ?? 0) + r.amountFen);
    const names = [...by.keys()];
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => fen(v * 100) },
      grid: { left: 80, right: 20, top: 20, bottom: 60 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `¥${(v / 10000).toLocaleString()}万` } },
      series: [{ type: 'bar', data: names.map((n) => (by.get(n) ?? 0) / 100), itemStyle: { color: '#1677ff' } }],
    };
  }, [rows]);

  return (
    <>
      <ProTable<Budget>
        rowKey="id"
        actionRef={ref}
        headerTitle={t('menu.budgets')}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 50 }}
        request={request}
        toolBarRender={() => [
          <Button
            key="exp"
            icon={<ExportOutlined />}
            onClick={() =>
              saveBlob(
                toCsv(
                  [t('common.year'), t('common.programme'), t('common.district'), t('budget.amountYuan')],
                  rows.map((r) => [r.year, r.programmeCode, r.districtName, (r.amountFen / 100).toFixed(2)]),
                ),
                'budgets.csv',
              )
            }
          >
            {t('common.exportCsv')}
          </Button>,
          canEdit && (
            <Button key="set" type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              {t('budget.set')}
            </Button>
          ),
        ]}
      />
      {rows.length > 0 && (
        <Card title={t('budget.chart')} style={{ marginTop: 16 }}>
          <Chart option={option} height={280} />
        </Card>
      )}
      {(me.role === 'city_admin' || me.role === 'finance' || me.role === 'auditor') && <DebtorAccountsCard canEdit={canEdit} />}
      <ModalForm
        title={t('budget.set')}
        open={open}
        onOpenChange={setOpen}
        modalProps={{ destroyOnHidden: true }}
        initialValues={{ year: thisYear }}
        onFinish={async (v: { programmeId: string; districtCode: string; year: number; amountYuan: number }) => {
          const amountFen = yuanToFen(v.amountYuan);
          if (amountFen === null) return false;
          try {
            await client.PUT('/api/v1/budgets', { body: { programmeId: v.programmeId, districtCode: v.districtCode, year: v.year, amountFen } });
            message.success(t('common.saved'));
            ref.current?.reload();
            return true;
          } catch (e) {
            message.error(errorText(e));
            return false;
          }
        }}
      >
        <ProFormSelect
          name="programmeId"
          label={t('common.programme')}
          rules={[{ required: true }]}
          options={programmes.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
        />
        <ProFormSelect
          name="districtCode"
          label={t('common.district')}
          rules={[{ required: true }]}
          showSearch
          options={districts.map((d) => ({ value: d.code, label: d.name }))}
        />
        <ProFormDigit name="year" label={t('common.year')} min={2000} max={2100} fieldProps={{ precision: 0 }} rules={[{ required: true }]} />
        <ProFormDigit name="amountYuan" label={t('budget.amountYuan')} min={0} fieldProps={{ precision: 2 }} rules={[{ required: true }]} />
      </ModalForm>
    </>
  );
}
