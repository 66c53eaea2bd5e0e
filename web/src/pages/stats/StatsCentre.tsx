/**
 * The statistics centre (统计中心, 数据回流, issue 17): the scope's figures, the trend by month, the funnel, budget
 * execution by district, the Shanghai district map, the provider league, a drill-down city → district → provider →
 * class and a table by any dimension — the date range and every dimension as filters; every table exports to
 * Excel and CSV (the API's files, the filters as shown). Figures are the analytics API's, unchanged.
 */
import { useMemo, useState } from 'react';
import { Breadcrumb, Button, Card, Col, DatePicker, Input, Progress, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { strings } from '../../i18n/strings';
import { useDistricts, useProgrammes } from '../../lib/data';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session';
import { GROUP_BYS, loadBudget, loadDrill, loadFunnel, loadLeague, loadSummary, loadTable, useLoad, type Filters, type GroupBy } from './data';
import { BudgetView, DistrictMap, Exports, FunnelView, GroupTable, LeagueTable, Section, SummaryFigures, TrendChart } from './parts';

const CATEGORIES = Object.keys(strings)
  .filter((k) => k.startsWith('cat.'))
  .map((k) => k.slice(4));
const OCCUPATION = /^\d-\d{2}-\d{2}-\d{2}$/;
const thisYear = (): number => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/** The filter bar: month range and every dimension. */
function FilterBar({ f, set, providers }: { f: Filters; set: (p: Partial<Filters>) => void; providers: Array<{ value: string; label: string }> }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const districts = useDistricts();
  const programmes = useProgrammes();
  const [occ, setOcc] = useState(f.occupationCode ?? '');
  const cityWide = !['district_admin', 'provider', 'enterprise'].includes(me.role);
  const districtOptions = districts.map((d) => ({ value: d.code, label: d.name }));
  const range: [Dayjs | null, Dayjs | null] = [f.from ? dayjs(`${f.from}-01`) : null, f.to ? dayjs(`${f.to}-01`) : null];
  return (
    <Card size="small" data-testid="stats-filters">
      <Space wrap>
        <DatePicker.RangePicker
          picker="month"
          allowEmpty={[true, true]}
          value={range}
          placeholder={[t('stats.fromMonth'), t('stats.toMonth')]}
          onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM'), to: v?.[1]?.format('YYYY-MM') })}
          data-testid="stats-range"
        />
        {cityWide ? (
          <>
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t('analytics.dim.district')}
              aria-label={t('analytics.dim.district')}
              value={f.districtCode}
              onChange={(v) => set({ districtCode: v })}
              options={districtOptions}
              data-testid="filter-district"
            />
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t('analytics.dim.trainingDistrict')}
              aria-label={t('analytics.dim.trainingDistrict')}
              value={f.trainingDistrictCode}
              onChange={(v) => set({ trainingDistrictCode: v })}
              options={districtOptions}
              data-testid="filter-training-district"
            />
          </>
        ) : null}
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('analytics.dim.programme')}
          aria-label={t('analytics.dim.programme')}
          value={f.programmeId}
          onChange={(v) => set({ programmeId: v })}
          options={programmes.map((p) => ({ value: p.id, label: p.name }))}
          data-testid="filter-programme"
        />
        <Input
          allowClear
          style={{ width: 170 }}
          placeholder={t('stats.occupationHint')}
          value={occ}
          status={occ && !OCCUPATION.test(occ) ? 'error' : undefined}
          onChange={(e) => {
            setOcc(e.target.value);
            if (!e.target.value || OCCUPATION.test(e.target.value)) set({ occupationCode: e.target.value || undefined });
          }}
          data-testid="filter-occupation"
        />
        <Select
          allowClear
          style={{ width: 170 }}
          placeholder={t('analytics.dim.level')}
          aria-label={t('analytics.dim.level')}
          value={f.level}
          onChange={(v) => set({ level: v })}
          options={[5, 4, 3, 2, 1, 0].map((l) => ({ value: l, label: t(`level.${l}`) }))}
          data-testid="filter-level"
        />
        {me.role !== 'provider' ? (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 220 }}
            placeholder={t('analytics.dim.provider')}
            aria-label={t('analytics.dim.provider')}
            value={f.providerId}
            onChange={(v) => set({ providerId: v })}
            options={providers}
            data-testid="filter-provider"
          />
        ) : null}
        <Select
          allowClear
          style={{ width: 170 }}
          placeholder={t('analytics.dim.category')}
          aria-label={t('analytics.dim.category')}
          value={f.category}
          onChange={(v) => set({ category: v })}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`cat.${c}`) }))}
          data-testid="filter-category"
        />
      </Space>
    </Card>
  );
}

export function StatsCentrePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [f, setF] = useState<Filters>({});
  const set = (p: Partial<Filters>) => setF((x) => ({ ...x, ...p }));
  const [groupBy, setGroupBy] = useState<GroupBy>('district');
  const [year, setYear] = useState<number>(thisYear());
  // the drill path: city → a training district → a provider (→ its classes)
  const [drill, setDrill] = useState<{ district?: string; districtName?: string; provider?: string; providerName?: string }>({});
  const drillQuery: Filters = {
    ...f,
    ...(drill.district ? { trainingDistrictCode: drill.district } : {}),
    ...(drill.provider ? { providerId: drill.provider } : {}),
  };

  const summary = useLoad(() => loadSummary(f), [f]);
  const trend = useLoad(() => loadTable(f, 'month'), [f]);
  const funnel = useLoad(() => loadFunnel(f), [f]);
  const budgetQuery = { year, districtCode: f.districtCode, programmeId: f.programmeId };
  const budget = useLoad(() => loadBudget(budgetQuery), [budgetQuery]);
  const map = useLoad(() => loadTable(f, 'trainingDistrict'), [f]);
  const league = useLoad(() => loadLeague(f), [f]);
  const drilled = useLoad(() => loadDrill(drillQuery), [drillQuery]);
  const byDim = useLoad(() => loadTable(f, groupBy), [f, groupBy]);
  const sections = [summary, trend, funnel, budget, map, league, drilled, byDim];
  const done = sections.filter((s) => !s.loading).length;

  const providers = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of league.data?.rows ?? []) seen.set(r.providerId, r.providerName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [league.data]);

  const pickDistrict = (code: string) => {
    const row = map.data?.rows.find((r) => r.key === code) ?? drilled.data?.rows.find((r) => r.key === code);
    setDrill({ district: code, districtName: row?.label ?? code });
  };
  const onDrillRow = (key: string) => {
    if (!drilled.data) return;
    const label = drilled.data.rows.find((r) => r.key === key)?.label ?? key;
    if (drilled.data.level === 'city') setDrill({ district: key, districtName: label });
    else if (drilled.data.level === 'district') setDrill({ ...drill, provider: key, providerName: label });
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="stats-centre">
      <Row justify="space-between" align="middle">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('menu.statsCentre')}
          {summary.data ? (
            <Typography.Text type="secondary" style={{ marginLeft: 12, fontSize: '0.875rem' }} data-testid="stats-scope">
              {t('stats.scope', { scope: summary.data.scope.label })}
            </Typography.Text>
          ) : null}
        </Typography.Title>
        <Space>
          {['city_admin', 'district_admin', 'auditor'].includes(me.role) ? (
            <Button onClick={() => navigate('/vouchers/stats')}>{t('menu.voucherStats')}</Button>
          ) : null}
        </Space>
      </Row>
      {done < sections.length ? (
        <Progress
          aria-label={t('stats.loading', { done, total: sections.length })}
          percent={Math.round((done / sections.length) * 100)}
          size="small"
          status="active"
          data-testid="stats-progress"
          format={() => t('stats.loading', { done, total: sections.length })}
        />
      ) : null}
      <FilterBar f={f} set={set} providers={providers} />
      <Section title={t('stats.summary')} state={summary} testId="section-summary" extra={<Exports name="summary" query={f} file={t('stats.file.summary')} />}>
        {(s) => <SummaryFigures s={s} />}
      </Section>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Section
            title={t('stats.trend')}
            state={trend}
            testId="section-trend"
            extra={<Exports name="table" query={{ ...f, groupBy: 'month' }} file={t('stats.file.trend')} />}
          >
            {(d) => <TrendChart data={d} />}
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section title={t('stats.funnel')} state={funnel} testId="section-funnel" extra={<Exports name="funnel" query={f} file={t('stats.file.funnel')} />}>
            {(d) => <FunnelView data={d} />}
          </Section>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Section
            title={t('stats.map')}
            state={map}
            testId="section-map"
            extra={<Exports name="table" query={{ ...f, groupBy: 'trainingDistrict' }} file={t('stats.file.map')} />}
          >
            {(d) => <DistrictMap data={d} onPick={pickDistrict} />}
          </Section>
        </Col>
        <Col xs={24} xl={14}>
          <Section
            title={
              <Breadcrumb
                data-testid="drill-path"
                items={[
                  { title: <a onClick={() => setDrill({})}>{t('stats.drillCity')}</a> },
                  ...(drill.district
                    ? [{ title: <a onClick={() => setDrill({ district: drill.district, districtName: drill.districtName })}>{drill.districtName}</a> }]
                    : []),
                  ...(drill.provider ? [{ title: drill.providerName }] : []),
                ]}
              />
            }
            state={drilled}
            testId="section-drill"
            extra={<Exports name="drill" query={drillQuery} file={t('stats.file.drill')} />}
          >
            {(d) => <GroupTable data={d} onRow={d.level === 'provider' ? undefined : onDrillRow} testId="drill-table" />}
          </Section>
        </Col>
      </Row>
      <Section
        title={t('stats.budgetTitle')}
        state={budget}
        testId="section-budget"
        extra={
          <Space>
            <Select
              size="small"
              value={year}
              onChange={setYear}
              aria-label={t('a11y.budgetYear')}
              options={[0, 1, 2, 3].map((i) => ({ value: thisYear() - i, label: t('stats.year', { year: thisYear() - i }) }))}
              data-testid="budget-year"
            />
            <Exports name="budget" query={budgetQuery} file={t('stats.file.budget')} />
          </Space>
        }
      >
        {(d) => <BudgetView data={d} />}
      </Section>
      <Section title={t('stats.league')} state={league} testId="section-league" extra={<Exports name="league" query={f} file={t('stats.file.league')} />}>
        {(d) => <LeagueTable data={d} />}
      </Section>
      <Section
        title={t('stats.byDimension')}
        state={byDim}
        testId="section-dimension"
        extra={
          <Space>
            <Select
              size="small"
              style={{ width: 150 }}
              value={groupBy}
              onChange={setGroupBy}
              aria-label={t('stats.byDimension')}
              options={GROUP_BYS.map((g) => ({ value: g, label: t(`analytics.dim.${g}`) }))}
              data-testid="group-by"
            />
            <Exports name="table" query={{ ...f, groupBy }} file={t('stats.file.table')} />
          </Space>
        }
      >
        {(d) => <GroupTable data={d} testId="dimension-table" />}
      </Section>
    </Space>
  );
}
