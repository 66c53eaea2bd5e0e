/** The statistics centre's sections: each a card with its chart and/or table, a loading indicator and its exports. */
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Row, Select, Space, Spin, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { Chart, registerMap } from '../../lib/Chart';
import { fen } from '../../lib/format';
import { errorText } from '../../i18n';
import shanghai from '../../assets/geo/shanghai.json';
import {
  exportSection,
  type Budget,
  type Drill,
  type ExportName,
  type Funnel,
  type League,
  type Loaded,
  type Metrics,
  type Summary,
  type Table as TableView,
} from './data';
import { pct, RateFigure } from './RateFigure';

registerMap('shanghai', shanghai);

const num = (v: number): string => v.toLocaleString('zh-CN');

/** Export buttons (Excel and CSV) of a section, with the query the section shows. */
export function Exports({ name, query, file }: { name: ExportName; query: Record<string, unknown>; file: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const run = (format: 'xlsx' | 'csv') => {
    setBusy(format);
    exportSection(name, format, query, file)
      .catch((e: unknown) => message.error(errorText(e)))
      .finally(() => setBusy(null));
  };
  return (
    <Space size="small">
      <Button size="small" icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => run('xlsx')} data-testid={`export-${name}-xlsx`}>
        {t('stats.exportXlsx')}
      </Button>
      <Button size="small" loading={busy === 'csv'} onClick={() => run('csv')} data-testid={`export-${name}-csv`}>
        {t('stats.exportCsv')}
      </Button>
    </Space>
  );
}

/** A section's card: its title, exports, a spinner while loading, the error in words. */
export function Section<T>({
  title,
  state,
  extra,
  testId,
  children,
}: {
  title: ReactNode;
  state: Loaded<T>;
  extra?: ReactNode;
  testId: string;
  children: (data: T) => ReactNode;
}) {
  return (
    <Card size="small" title={title} extra={extra} data-testid={testId}>
      {state.error ? <Alert type="error" showIcon message={state.error} /> : null}
      <Spin spinning={state.loading} tip={undefined}>
        <div style={{ minHeight: 80 }}>{state.data ? children(state.data) : null}</div>
      </Spin>
    </Card>
  );
}

const KPI: Array<keyof Metrics> = [
  'issued',
  'applied',
  'registered',
  'admitted',
  'attendanceRate',
  'assessed',
  'passed',
  'passRate',
  'claimsApprovedFen',
  'claimsPaidFen',
  'settled',
  'expired',
];

/** The scope's headline figures. */
export function SummaryFigures({ s }: { s: Summary }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]}>
      {KPI.map((k) => {
        const v = s.metrics[k];
        if (k.endsWith('Rate'))
          return (
            <Col key={k} xs={12} sm={8} md={6} lg={4}>
              <RateFigure metric={k} value={v} testId={`stat-${k}`} />
            </Col>
          );
        const shown = k.endsWith('Fen') ? fen(v as number) : (v ?? 0);
        return (
          <Col key={k} xs={12} sm={8} md={6} lg={4}>
            <div data-testid={`stat-${k}`} data-value={v ?? ''}>
              <Statistic title={t(`analytics.m.${k}`)} value={shown} />
            </div>
          </Col>
        );
      })}
    </Row>
  );
}

/** The trend by month: issued, admitted, passed (bars) and the amount paid (line, yuan). */
export function TrendChart({ data }: { data: TableView }) {
  const { t } = useTranslation();
  const rows = [...data.rows].sort((a, b) => a.key.localeCompare(b.key));
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 64, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: rows.map((r) => r.label) },
      yAxis: [
        { type: 'value', name: t('stats.people') },
        { type: 'value', name: t('stats.yuan'), position: 'right' },
      ],
      series: [
        ...(['issued', 'admitted', 'passed'] as const).map((k) => ({ type: 'bar', name: t(`analytics.m.${k}`), data: rows.map((r) => r.metrics[k]) })),
        { type: 'line', yAxisIndex: 1, name: t('analytics.m.claimsPaidFen'), data: rows.map((r) => r.metrics.claimsPaidFen / 100) },
      ],
    }),
    [rows, t],
  );
  if (!rows.length) return <Typography.Text type="secondary">{t('stats.noData')}</Typography.Text>;
  return <Chart option={option} height={300} testId="trend-chart" />;
}

/** The funnel issued → registered → admitted → attendance ≥ 80 % → assessed → passed → paid, with conversion rates. */
export function FunnelView({ data }: { data: Funnel }) {
  const { t } = useTranslation();
  // the stages in their order, as centred bars (a funnel that keeps the order even where a later stage is larger,
  // e.g. admissions at the desk without a registration)
  const option = useMemo<EChartsCoreOption>(() => {
    const names = data.stages.map((s) => t(`analytics.stage.${s.stage}`));
    const max = Math.max(1, ...data.stages.map((s) => s.count));
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (p: Array<{ dataIndex: number }>) => `${names[p[1]?.dataIndex ?? 0]}: ${num(data.stages[p[1]?.dataIndex ?? 0]?.count ?? 0)}`,
      },
      grid: { left: 110, right: 16, top: 8, bottom: 8 },
      xAxis: { type: 'value', show: false, max },
      yAxis: { type: 'category', inverse: true, data: names, axisTick: { show: false } },
      series: [
        { type: 'bar', stack: 'f', silent: true, itemStyle: { color: 'transparent' }, data: data.stages.map((s) => (max - s.count) / 2) },
        {
          type: 'bar',
          stack: 'f',
          barWidth: '70%',
          label: { show: true, formatter: (p: { dataIndex: number }) => num(data.stages[p.dataIndex]?.count ?? 0) },
          data: data.stages.map((s) => s.count),
        },
      ],
    };
  }, [data, t]);
  return (
    <>
      <Chart option={option} height={240} testId="funnel-chart" />
      <Table
        size="small"
        pagination={false}
        rowKey="stage"
        dataSource={data.stages}
        data-testid="funnel-table"
        columns={[
          { title: t('stats.stage'), dataIndex: 'stage', render: (v: string) => t(`analytics.stage.${v}`) },
          { title: t('stats.count'), dataIndex: 'count', align: 'right', render: (v: number, r) => <span data-testid={`funnel-${r.stage}`}>{num(v)}</span> },
          { title: t('stats.rateFromPrevious'), dataIndex: 'rateFromPrevious', align: 'right', render: pct },
          { title: t('stats.rateFromIssued'), dataIndex: 'rateFromIssued', align: 'right', render: pct },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: '0.75rem' }} data-testid="funnel-note">
        {t('stats.funnelNote')}
      </Typography.Paragraph>
    </>
  );
}

/** Budget execution (执行率) by district: allocated, reserved and paid (yuan), and the rate. */
export function BudgetView({ data }: { data: Budget }) {
  const { t } = useTranslation();
  const byDistrict = useMemo(() => {
    const m = new Map<string, { name: string; allocatedFen: number; paidFen: number; reservedFen: number }>();
    for (const r of data.rows) {
      const x = m.get(r.districtCode) ?? { name: r.districtName, allocatedFen: 0, paidFen: 0, reservedFen: 0 };
      x.allocatedFen += r.allocatedFen;
      x.paidFen += r.paidFen;
      x.reservedFen += r.reservedFen;
      m.set(r.districtCode, x);
    }
    return [...m.values()];
  }, [data]);
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 64, right: 16, top: 36, bottom: 48 },
      xAxis: { type: 'category', data: byDistrict.map((d) => d.name), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', name: t('stats.yuan') },
      series: (['allocatedFen', 'reservedFen', 'paidFen'] as const).map((k) => ({
        type: 'bar',
        name: t(`stats.budget.${k}`),
        data: byDistrict.map((d) => d[k] / 100),
      })),
    }),
    [byDistrict, t],
  );
  return (
    <>
      {byDistrict.length ? <Chart option={option} height={260} testId="budget-chart" /> : null}
      <Table
        size="small"
        rowKey={(r) => `${r.districtCode}-${r.programmeId}`}
        dataSource={data.rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        data-testid="budget-table"
        scroll={{ x: 860 }}
        columns={[
          { title: t('common.district'), dataIndex: 'districtName', width: 90 },
          { title: t('common.programme'), dataIndex: 'programmeName' },
          { title: t('stats.budget.allocatedFen'), dataIndex: 'allocatedFen', align: 'right', render: fen },
          { title: t('stats.budget.reservedFen'), dataIndex: 'reservedFen', align: 'right', render: fen },
          { title: t('stats.budget.paidFen'), dataIndex: 'paidFen', align: 'right', render: fen },
          { title: t('stats.budget.availableFen'), dataIndex: 'availableFen', align: 'right', render: fen },
          { title: t('stats.budget.executionRate'), dataIndex: 'executionRate', align: 'right', render: pct },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              {t('stats.total')}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <span data-testid="budget-total-allocated">{fen(data.total.allocatedFen)}</span>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {fen(data.total.reservedFen)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              <span data-testid="budget-total-paid">{fen(data.total.paidFen)}</span>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              {fen(data.total.availableFen)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">
              {pct(data.total.executionRate)}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </>
  );
}

const MAP_METRICS = ['issued', 'admitted', 'passed', 'claimsPaidFen'] as const;

/** The Shanghai district map of a figure by the training's district; a click drills into that district. */
export function DistrictMap({ data, onPick }: { data: TableView; onPick: (districtCode: string) => void }) {
  const { t } = useTranslation();
  const [metric, setMetric] = useState<(typeof MAP_METRICS)[number]>('issued');
  const values = data.rows.map((r) => ({ name: r.label, code: r.key, value: metric === 'claimsPaidFen' ? r.metrics[metric] / 100 : r.metrics[metric] }));
  const max = Math.max(1, ...values.map((v) => v.value));
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: (p: { name: string; value?: number }) => `${p.name}: ${Number.isFinite(p.value) ? num(p.value ?? 0) : 0}` },
      visualMap: { min: 0, max, left: 8, bottom: 8, calculable: true, inRange: { color: ['#e6f4ff', '#1677ff', '#002c8c'] } },
      series: [{ type: 'map', map: 'shanghai', roam: true, label: { show: true, fontSize: 10 }, labelLayout: { hideOverlap: true }, data: values }],
    }),
    [values, max],
  );
  return (
    <>
      <Select
        size="small"
        value={metric}
        onChange={setMetric}
        aria-label={t('a11y.mapMetric')}
        style={{ width: 200, marginBottom: 8 }}
        data-testid="map-metric"
        options={MAP_METRICS.map((m) => ({ value: m, label: t(`analytics.m.${m}`) }))}
      />
      <Chart
        option={option}
        height={420}
        testId="district-map"
        onClick={(item) => {
          const code = (item.data as { code?: string } | undefined)?.code;
          if (code) onPick(code);
        }}
      />
    </>
  );
}

/** The provider league: pass rate, attendance, flagged check-ins, objections and completion per provider and programme. */
export function LeagueTable({ data }: { data: League }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey={(r) => `${r.providerId}-${r.programmeId}`}
      dataSource={data.rows}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      data-testid="league-table"
      scroll={{ x: 900 }}
      columns={[
        { title: t('stats.rank'), key: 'rank', width: 56, render: (_v, _r, i) => i + 1 },
        { title: t('analytics.dim.provider'), dataIndex: 'providerName' },
        { title: t('common.programme'), dataIndex: 'programmeName' },
        { title: t('analytics.m.admitted'), dataIndex: 'admitted', align: 'right' },
        { title: t('analytics.m.passed'), dataIndex: 'passed', align: 'right' },
        { title: t('analytics.m.passRate'), dataIndex: 'passRate', align: 'right', render: pct },
        { title: t('analytics.m.attendanceRate'), dataIndex: 'attendanceRate', align: 'right', render: pct },
        { title: t('analytics.m.checkInsFlagged'), dataIndex: 'checkInsFlagged', align: 'right' },
        { title: t('analytics.m.objections'), dataIndex: 'objections', align: 'right' },
        { title: t('analytics.m.completionRate'), dataIndex: 'completionRate', align: 'right', render: pct },
        { title: t('analytics.m.claimsPaidFen'), dataIndex: 'claimsPaidFen', align: 'right', render: fen },
      ]}
    />
  );
}

/** A grouped table (any dimension, or a drill level): the main figures per row and the total. */
export function GroupTable({ data, onRow, testId }: { data: TableView | Drill; onRow?: (key: string) => void; testId: string }) {
  const { t } = useTranslation();
  const cols: Array<keyof Metrics> = ['issued', 'admitted', 'attendanceRate', 'assessed', 'passed', 'passRate', 'claimsPaidFen'];
  const show = (k: keyof Metrics, v: number | null) => (k.endsWith('Rate') ? pct(v) : k.endsWith('Fen') ? fen(v ?? 0) : num(v ?? 0));
  return (
    <Table
      size="small"
      rowKey="key"
      dataSource={data.rows}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      data-testid={testId}
      scroll={{ x: 800 }}
      columns={[
        {
          title: t(`analytics.dim.${data.groupBy}`),
          dataIndex: 'label',
          render: (v: string, r) => (onRow && r.key !== '-' ? <a onClick={() => onRow(r.key)}>{v}</a> : v),
        },
        ...cols.map((k) => ({
          title: t(`analytics.m.${k}`),
          key: k,
          align: 'right' as const,
          render: (_: unknown, r: { key: string; metrics: Metrics }) => <span data-testid={`${testId}-${r.key}-${k}`}>{show(k, r.metrics[k])}</span>,
        })),
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>{t('stats.total')}</Table.Summary.Cell>
          {cols.map((k, i) => (
            <Table.Summary.Cell key={k} index={i + 1} align="right">
              <span data-testid={`${testId}-total-${k}`}>{show(k, data.total[k])}</span>
            </Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      )}
    />
  );
}
