/**
 * 康复统计 for the committee, district officers (their district), the city and auditors: applications by status,
 * the committee's decisions and refusal reasons, days to a decision, each designated hospital's beds, by district
 * and month, and retraining after discharge — the figures of GET /rehab/stats, for a date range and a district.
 */
import { useEffect, useState } from 'react';
import { Alert, Card, Col, DatePicker, Progress, Row, Select, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { client, ok } from '../../lib/api';
import { districtName, useDistricts } from '../../lib/data';
import { useSession } from '../../lib/session';
import { errorText } from '../../i18n';
import type { components } from '../../api/schema';

type Stats = components['schemas']['RehabStats'];
interface Filters {
  from?: string | undefined;
  to?: string | undefined;
  districtCode?: string | undefined;
}

export function RehabStatsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const districts = useDistricts();
  const [f, setF] = useState<Filters>({});
  const [s, setS] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    ok(client.GET('/api/v1/rehab/stats', { params: { query: f } })).then(setS, (e) => setError(errorText(e)));
  }, [f.from, f.to, f.districtCode]);
  const range: [Dayjs | null, Dayjs | null] = [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" data-testid="rehab-stats-filters">
        <Space wrap>
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={range}
            placeholder={[t('rehab.stats.from'), t('rehab.stats.to')]}
            onChange={(v) => setF({ ...f, from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
          />
          {me.role !== 'district_admin' && (
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t('common.district')}
              aria-label={t('common.district')}
              value={f.districtCode}
              onChange={(v) => setF({ ...f, districtCode: v })}
              options={districts.map((d) => ({ value: d.code, label: d.name }))}
              data-testid="rehab-stats-district"
            />
          )}
          <Typography.Text type="secondary">{t('rehab.stats.rangeNote')}</Typography.Text>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon message={error} />}
      {!s && !error && <Skeleton active />}
      {s && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('rehab.stats.applications')} value={s.applications} data-testid="rehab-stats-applications" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('rehab.stats.decided')} value={s.timeToDecision.decided} data-testid="rehab-stats-decided" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title={t('rehab.stats.avgDays')}
                  value={s.timeToDecision.avgDays ?? '—'}
                  precision={s.timeToDecision.avgDays === null ? undefined : 1}
                  suffix={s.timeToDecision.avgDays === null ? undefined : t('rehab.stats.days')}
                />
                <Typography.Text type="secondary">{t('rehab.stats.maxDays', { n: s.timeToDecision.maxDays ?? '—' })}</Typography.Text>
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title={t('rehab.stats.retraining')}
                  value={s.retraining.vouchersIssued}
                  suffix={`/ ${s.retraining.recommended}`}
                  data-testid="rehab-stats-retraining"
                />
                <Typography.Text type="secondary">{t('rehab.stats.retrainingNote')}</Typography.Text>
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={8}>
              <CountTable
                title={t('rehab.stats.byStatus')}
                head={t('common.status')}
                testId="rehab-stats-status"
                rows={s.byStatus.map((x) => ({ key: x.status, label: t(`rehab.status.${x.status}`), n: x.n }))}
                withTotal
              />
            </Col>
            <Col xs={24} lg={8}>
              <CountTable
                title={t('rehab.stats.decisions')}
                head={t('rehab.stats.outcome')}
                testId="rehab-stats-decisions"
                rows={s.decisions.map((d) => ({ key: d.outcome, label: t(`rehab.outcome.${d.outcome}`), n: d.n }))}
              />
            </Col>
            <Col xs={24} lg={8}>
              <CountTable
                title={t('rehab.stats.refusals')}
                head={t('rehab.stats.reason')}
                testId="rehab-stats-refusals"
                rows={s.refusalsByReason.map((r) => ({ key: r.refusalReason, label: t(`rehab.refusal.${r.refusalReason}`), n: r.n }))}
              />
            </Col>
          </Row>
          <Card title={t('rehab.stats.beds')} size="small">
            <Table
              size="small"
              rowKey="hospitalId"
              pagination={false}
              dataSource={s.bedUse}
              data-testid="rehab-stats-beds"
              columns={[
                { title: t('rehab.case.hospital'), dataIndex: 'name' },
                { title: t('rehab.stats.bedsTotal'), dataIndex: 'beds', align: 'right' },
                {
                  title: t('rehab.stats.occupied'),
                  key: 'occupied',
                  render: (_: unknown, r) => (
                    <div style={{ display: 'flex', gap: 8, alignItems: 'center', minWidth: 160 }}>
                      <Progress percent={r.beds ? Math.round((r.occupied * 100) / r.beds) : 0} size="small" style={{ flex: 1, margin: 0 }} />
                      <span style={{ width: 48, textAlign: 'right' }}>
                        {r.occupied}/{r.beds}
                      </span>
                    </div>
                  ),
                },
                { title: t('rehab.stats.admitted'), dataIndex: 'admitted', align: 'right' },
                { title: t('rehab.stats.discharged'), dataIndex: 'discharged', align: 'right' },
              ]}
            />
          </Card>
          <Card title={t('rehab.stats.byDistrictMonth')} size="small">
            <Table
              size="small"
              rowKey={(r) => `${r.districtCode}-${r.month}`}
              pagination={{ pageSize: 12, hideOnSinglePage: true }}
              dataSource={s.byDistrictMonth}
              data-testid="rehab-stats-months"
              columns={[
                { title: t('common.district'), dataIndex: 'districtCode', render: (v: string) => districtName(districts, v) },
                {
                  title: t('rehab.stats.month'),
                  dataIndex: 'month',
                  render: (v: string) => t('rehab.stats.monthValue', { y: v.slice(0, 4), m: Number(v.slice(5, 7)) }),
                },
                { title: t('rehab.stats.applications'), dataIndex: 'applications', align: 'right' },
                { title: t('rehab.outcome.place'), dataIndex: 'placed', align: 'right' },
                { title: t('rehab.outcome.refuse'), dataIndex: 'refused', align: 'right' },
                { title: t('rehab.stats.admitted'), dataIndex: 'admitted', align: 'right' },
                { title: t('rehab.stats.discharged'), dataIndex: 'discharged', align: 'right' },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}

interface CountRow {
  key: string;
  label: string;
  n: number;
}

/** A small table of labelled counts (by status, the committee's decisions, the reasons for refusal), with a total row if asked. */
function CountTable({ title, head, testId, rows, withTotal }: { title: string; head: string; testId: string; rows: CountRow[]; withTotal?: boolean }) {
  const { t } = useTranslation();
  return (
    <Card title={title} size="small">
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        data-testid={testId}
        columns={[
          { title: head, dataIndex: 'label' },
          { title: t('rehab.stats.n'), dataIndex: 'n', align: 'right' },
        ]}
        summary={
          withTotal
            ? () => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('rehab.stats.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {rows.reduce((a, x) => a + x.n, 0)}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )
            : undefined
        }
      />
    </Card>
  );
}
