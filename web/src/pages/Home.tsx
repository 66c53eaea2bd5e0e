/**
 * The staff workbench (工作台, issue 17): KPI cards for the caller's scope (the statistics' summary), the role's
 * to-do list with counts, each leading to the page that lists the work (its filter preset), and quick links.
 */
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Col, List, Row, Space, Spin, Statistic, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession } from '../lib/session';
import { navigate } from '../lib/router';
import { routesFor } from '../layout/routes';
import { CalendarTodo } from './subsidy/CalendarYears';
import { client, ok, type ItemOf, type ResponseOf } from '../lib/api';
import { districtName, useDistricts } from '../lib/data';
import { fen } from '../lib/format';
import { errorText } from '../i18n';
import { STATS_ROLES } from './stats/data';
import { RateFigure } from './stats/RateFigure';

type ClaimTodo = ItemOf<'/api/v1/subsidy/todos'>;
type Workbench = ResponseOf<'/api/v1/workbench'>;
type Summary = ResponseOf<'/api/v1/analytics/summary'>;

/** The admins' to-dos from the claims (e.g. claims waiting because no budget is set for a year, district and programme). */
function ClaimTodos() {
  const { t } = useTranslation();
  const districts = useDistricts();
  const [items, setItems] = useState<ClaimTodo[]>([]);
  useEffect(() => {
    ok(client.GET('/api/v1/subsidy/todos')).then(
      (r) => setItems(r.items),
      () => setItems([]),
    );
  }, []);
  if (!items.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="home-todos"
      message={t('todo.title')}
      description={
        <List
          size="small"
          dataSource={items}
          renderItem={(x) => (
            <List.Item
              actions={[
                <a key="go" data-testid="todo-no-budget" onClick={() => navigate('/claims?reason=NO_BUDGET')}>
                  {t('todo.view')}
                </a>,
              ]}
            >
              {t('todo.noBudget', {
                count: x.claims,
                year: x.year,
                district: districtName(districts, x.districtCode),
                programme: x.programmeName ?? '—',
              })}
            </List.Item>
          )}
        />
      }
    />
  );
}

/** KPI cards of the caller's scope, from the statistics' summary (this year so far). */
function Kpis() {
  const { t } = useTranslation();
  const [s, setS] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ok(client.GET('/api/v1/analytics/summary', { params: { query: {} } })).then(setS, (e: unknown) => setError(errorText(e)));
  }, []);
  if (error) return <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />;
  if (!s) return <Card loading style={{ marginBottom: 16 }} />;
  const m = s.metrics;
  // a rate is a RateFigure: '—' with a note when there is nothing to divide by (no session held, no result)
  const cards: Array<[string, string | number | { rate: number | null }]> = [
    ['issued', m.issued],
    ['admitted', m.admitted],
    ['attendanceRate', { rate: m.attendanceRate }],
    ['passed', m.passed],
    ['passRate', { rate: m.passRate }],
    ['claimsPaidFen', fen(m.claimsPaidFen)],
  ];
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={t('workbench.kpiTitle', { scope: s.scope.label })}
      data-testid="workbench-kpis"
      extra={<a onClick={() => navigate('/stats')}>{t('workbench.toStats')}</a>}
    >
      <Row gutter={[16, 16]}>
        {cards.map(([key, value]) => (
          <Col key={key} xs={12} sm={8} lg={4}>
            {typeof value === 'object' ? (
              <RateFigure metric={key} value={value.rate} testId={`kpi-${key}`} />
            ) : (
              <div data-testid={`kpi-${key}`}>
                <Statistic title={t(`analytics.m.${key}`)} value={value} />
              </div>
            )}
          </Col>
        ))}
      </Row>
      {s.scope.kind === 'district' && (
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }} data-testid="workbench-kpi-scope-note">
          {t('workbench.districtScopeNote')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** The role's to-dos with counts; each leads to the page that lists the work. */
function Todos() {
  const { t } = useTranslation();
  const [w, setW] = useState<Workbench | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ok(client.GET('/api/v1/workbench')).then(setW, (e: unknown) => setError(errorText(e)));
  }, []);
  if (error) return <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="workbench-todos"
      title={
        <Space>
          {t('workbench.todos')}
          {w ? <Badge count={w.total} overflowCount={9999} showZero color={w.total ? '#fa541c' : '#52c41a'} data-testid="workbench-total" /> : null}
        </Space>
      }
    >
      {!w ? (
        <Spin />
      ) : w.todos.length === 0 ? (
        <Typography.Text type="secondary" data-testid="workbench-empty">
          {t('workbench.none')}
        </Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={w.todos}
          renderItem={(x) => (
            <List.Item
              data-testid={`todo-${x.kind}`}
              actions={[
                <Button key="go" type="link" size="small" data-testid={`todo-go-${x.kind}`} onClick={() => navigate(x.link)}>
                  {x.count ? t('workbench.handle') : t('workbench.view')} <RightOutlined />
                </Button>,
              ]}
            >
              <Space>
                <Badge count={x.count} overflowCount={99999} showZero color={x.count ? '#fa541c' : '#d9d9d9'} data-testid={`todo-count-${x.kind}`} />
                <Typography.Text type={x.count ? undefined : 'secondary'}>{t(`workbench.todo.${x.kind}`, { days: w.dueWithinDays })}</Typography.Text>
                {x.groups ? <Typography.Text type="secondary">{t('workbench.groups', { count: x.groups })}</Typography.Text> : null}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const { me, ops } = useSession();
  const links = routesFor(me.role, ops).filter((r) => r.path !== '/' && !r.match);
  return (
    <>
      <Typography.Title level={4}>
        {me.displayName} · {t(`role.${me.role}`)} · {t('workbench.title')}
      </Typography.Title>
      {me.role === 'city_admin' && ops.has('getSubsidyCalendarStatus') && <CalendarTodo />}
      {(me.role === 'city_admin' || me.role === 'district_admin') && ops.has('listClaimTodos') && <ClaimTodos />}
      {ops.has('analyticsSummary') && STATS_ROLES.includes(me.role) && <Kpis />}
      {ops.has('getWorkbench') && <Todos />}
      <Card size="small" title={t('workbench.quickLinks')} data-testid="workbench-links">
        <Row gutter={[12, 12]}>
          {links.map((r) => (
            <Col key={r.path} xs={12} sm={8} md={6} lg={4}>
              <Card size="small" hoverable onClick={() => navigate(r.path)}>
                <Space>
                  <span style={{ fontSize: '1.125rem', color: '#1677ff' }}>{r.icon}</span>
                  <span>{t(r.name)}</span>
                </Space>
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
    </>
  );
}
