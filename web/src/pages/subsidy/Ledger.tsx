/**
 * The budget ledger (预算台账): for each programme × district × year the budget and how it splits into
 * available, reserved (approved claims waiting for payment) and paid — budget = available + reserved + paid.
 * Finance and the city admin can also run the money check (every account balances, every claim has its trail).
 */
import { useState } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, List, Progress, Space, Table, Typography } from 'antd';
import { ExportOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, ok, saveBlob, type ItemOf, type QueryOf, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { fen, toCsv } from '../../lib/format';
import { districtName, useDistricts, useProgrammes } from '../../lib/data';
import { useSession } from '../../lib/session';
import { formQuery, useTableRequest } from '../../lib/table';

type Account = ItemOf<'/api/v1/subsidy/budget-accounts'>;
type FundsCheck = ResponseOf<'/api/v1/subsidy/funds/check'>;

const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

export function LedgerPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me, ops } = useSession();
  const districts = useDistricts();
  const programmes = useProgrammes();
  const [rows, setRows] = useState<Account[]>([]);
  const [check, setCheck] = useState<FundsCheck | null>(null);
  const [checking, setChecking] = useState(false);

  const request = useTableRequest<Account>(
    async (params) => {
      const { programmeId, ...q } = formQuery(params);
      const all = (await ok(client.GET('/api/v1/subsidy/budget-accounts', { params: { query: q as QueryOf<'/api/v1/subsidy/budget-accounts'> } }))).items;
      return programmeId ? all.filter((a) => a.programmeId === programmeId) : all;
    },
    (all) => setRows(all),
  );

  const money = (v: number, id?: string) => (
    <span className="money" data-testid={id}>
      {fen(v)}
    </span>
  );
  const columns: ProColumns<Account>[] = [
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
      fieldProps: { options: programmes.map((p) => ({ value: p.id, label: p.name })) },
      render: (_, r) => programmes.find((p) => p.id === r.programmeId)?.name ?? r.programmeId,
    },
    {
      title: t('common.district'),
      dataIndex: 'districtCode',
      valueType: 'select',
      hideInSearch: me.role === 'district_admin',
      fieldProps: { options: districts.map((d) => ({ value: d.code, label: d.name })), showSearch: true },
      render: (_, r) => districtName(districts, r.districtCode),
    },
    { title: t('budget.amount'), dataIndex: 'amountFen', search: false, align: 'right', render: (_, r) => money(r.amountFen, 'ledger-amount') },
    { title: t('ledger.available'), dataIndex: 'availableFen', search: false, align: 'right', render: (_, r) => money(r.availableFen, 'ledger-available') },
    { title: t('ledger.reserved'), dataIndex: 'reservedFen', search: false, align: 'right', render: (_, r) => money(r.reservedFen, 'ledger-reserved') },
    { title: t('ledger.paid'), dataIndex: 'paidFen', search: false, align: 'right', render: (_, r) => money(r.paidFen, 'ledger-paid') },
    {
      title: t('ledger.used'),
      search: false,
      width: 160,
      render: (_, r) => {
        const used = r.amountFen > 0 ? ((r.reservedFen + r.paidFen) / r.amountFen) * 100 : 0;
        return (
          <Progress
            aria-label={t('ledger.used')}
            size="small"
            percent={Math.round(used * 10) / 10}
            success={{ percent: r.amountFen > 0 ? (r.paidFen / r.amountFen) * 100 : 0 }}
          />
        );
      },
    },
  ];

  const sum = (k: 'amountFen' | 'availableFen' | 'reservedFen' | 'paidFen') => rows.reduce((s, r) => s + r[k], 0);

  const runCheck = async () => {
    setChecking(true);
    try {
      setCheck(await ok(client.GET('/api/v1/subsidy/funds/check')));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setChecking(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <ProTable<Account>
        rowKey="id"
        headerTitle={t('menu.ledger')}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        request={request}
        toolBarRender={() => [
          <Button
            key="exp"
            icon={<ExportOutlined />}
            disabled={rows.length === 0}
            data-testid="ledger-export"
            onClick={() =>
              saveBlob(
                toCsv(
                  [
                    t('common.year'),
                    t('common.programme'),
                    t('common.district'),
                    t('budget.amount'),
                    t('ledger.available'),
                    t('ledger.reserved'),
                    t('ledger.paid'),
                  ],
                  rows.map((r) => [
                    r.year,
                    programmes.find((p) => p.id === r.programmeId)?.code ?? r.programmeId,
                    districtName(districts, r.districtCode),
                    ...[r.amountFen, r.availableFen, r.reservedFen, r.paidFen].map((v) => (v / 100).toFixed(2)),
                  ]),
                ),
                'budget-ledger.csv',
              )
            }
          >
            {t('common.exportCsv')}
          </Button>,
          ops.has('checkFunds') && (
            <Button key="check" icon={<SafetyCertificateOutlined />} loading={checking} onClick={() => void runCheck()} data-testid="funds-check">
              {t('ledger.check')}
            </Button>
          ),
        ]}
        summary={() =>
          rows.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                <Typography.Text strong>{t('ledger.totals', { n: rows.length })}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {fen(sum('amountFen'))}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {fen(sum('availableFen'))}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {fen(sum('reservedFen'))}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                {fen(sum('paidFen'))}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7} />
            </Table.Summary.Row>
          ) : null
        }
      />
      {check && (
        <Alert
          data-testid="funds-check-result"
          type={check.ok ? 'success' : 'error'}
          showIcon
          message={check.ok ? t('ledger.checkOk', { accounts: check.accounts, claims: check.claims }) : t('ledger.checkBad', { n: check.problems.length })}
          description={
            check.problems.length > 0 && (
              <List
                size="small"
                dataSource={check.problems}
                renderItem={(p) => <List.Item>{`${t(`ledger.problem.${p.kind}`)} ${p.id}: ${p.message}`}</List.Item>}
              />
            )
          }
        />
      )}
    </Space>
  );
}
