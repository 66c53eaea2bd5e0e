/**
 * 培训评价 for officers and providers: comments waiting for moderation (publish, or not with a reason), the share of
 * completers who rated per district and class (target 80 %) with low scores marked; the provider's ratings with replies.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Input, Modal, Progress, Rate, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { client, ok, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { date, dateMinute } from '../../lib/format';
import { districtName, useDistricts } from '../../lib/data';
import { useSession } from '../../lib/session';
import { EmptyHint } from '../../lib/ui';

type Moderation = ResponseOf<'/api/v1/evaluation/moderation'>;
type ModerationItem = Moderation['items'][number];
type Coverage = ResponseOf<'/api/v1/evaluation/coverage'>;

/** A short cell (a district, a date) stays on one line. */
const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

function Stars({ v }: { v: number | null }) {
  const { t } = useTranslation();
  if (v === null) return <span>—</span>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Rate disabled allowHalf value={Math.round(v * 2) / 2} style={{ fontSize: '0.75rem' }} /> {t('eval.score', { s: v.toFixed(1) })}
    </span>
  );
}

function ModerationTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [status, setStatus] = useState<'pending' | 'published' | 'rejected'>('pending');
  const [data, setData] = useState<Moderation | null>(null);
  const [rejecting, setRejecting] = useState<ModerationItem | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    ok(client.GET('/api/v1/evaluation/moderation', { params: { query: { status, limit: 100 } } })).then(setData, (e) => setError(errorText(e)));
  }, [status]);
  useEffect(load, [load]);
  const decide = async (item: ModerationItem, decision: 'publish' | 'reject', why?: string) => {
    try {
      await ok(
        client.POST('/api/v1/evaluation/ratings/{id}/moderate', {
          params: { path: { id: item.id } },
          body: decision === 'publish' ? { decision } : { decision, reason: why ?? '' },
        }),
      );
      message.success(decision === 'publish' ? t('eval.published') : t('eval.rejected'));
      setRejecting(null);
      setReason('');
      load();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        options={[
          { value: 'pending', label: t('eval.status.pending') },
          { value: 'published', label: t('eval.published') },
          { value: 'rejected', label: t('eval.rejected') },
        ]}
        style={{ marginBottom: 12 }}
      />
      {error && <Alert type="error" showIcon message={error} />}
      <Table<ModerationItem>
        rowKey="id"
        size="small"
        loading={!data && !error}
        dataSource={data?.items ?? []}
        pagination={false}
        data-testid="moderation-table"
        locale={{ emptyText: t(`eval.empty.${status}`) }}
        columns={[
          { title: t('eval.class'), dataIndex: 'className', render: (v: string, r) => `${v}（${r.providerName}）` },
          { title: t('eval.rater'), dataIndex: 'rater', width: 90 },
          { title: t('eval.overall'), dataIndex: 'overall', width: 150, render: (v: number) => <Stars v={v} /> },
          {
            title: t('eval.commentColumn'),
            dataIndex: 'comment',
            render: (v: string, r) => (r.moderationReason ? `${v}（${t('eval.rejectedBecause', { r: r.moderationReason })}）` : v),
          },
          { title: t('eval.changedAt'), dataIndex: 'changedAt', width: 170, render: (v: string) => dateMinute(v) },
          {
            title: t('common.actions'),
            width: 180,
            render: (_: unknown, r) =>
              r.commentStatus === 'pending' ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => void decide(r, 'publish')} data-testid="moderate-publish">
                    {t('eval.publish')}
                  </Button>
                  <Button size="small" danger onClick={() => setRejecting(r)} data-testid="moderate-reject">
                    {t('eval.reject')}
                  </Button>
                </Space>
              ) : r.reply ? (
                <Tag>{t('eval.replied')}</Tag>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!rejecting}
        title={t('eval.rejectReason')}
        onCancel={() => setRejecting(null)}
        okButtonProps={{ disabled: !reason.trim(), danger: true }}
        okText={t('eval.reject')}
        onOk={() => rejecting && void decide(rejecting, 'reject', reason.trim())}
      >
        <Typography.Paragraph>{rejecting?.comment}</Typography.Paragraph>
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} rows={3} data-testid="reject-reason" />
      </Modal>
    </>
  );
}

function CoverageTab() {
  const { t } = useTranslation();
  const districts = useDistricts();
  const [data, setData] = useState<Coverage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ok(client.GET('/api/v1/evaluation/coverage')).then(setData, (e) => setError(errorText(e)));
  }, []);
  const pct = (v: number | null, meets: boolean) =>
    v === null ? (
      '—'
    ) : (
      <Progress aria-label={`${v}%`} percent={v} size="small" status={meets ? 'success' : 'exception'} format={(p) => `${p}%`} style={{ width: 140 }} />
    );
  if (error) return <Alert type="error" showIcon message={error} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('eval.target', { p: data?.targetPct ?? 80 })}</Typography.Text>
      <Card size="small" title={t('eval.byDistrict')}>
        <Table
          rowKey="districtCode"
          size="small"
          pagination={false}
          loading={!data}
          dataSource={data?.districts ?? []}
          data-testid="coverage-districts"
          locale={{ emptyText: t('eval.empty.classes') }}
          columns={[
            { title: t('common.district'), dataIndex: 'districtCode', render: (v: string) => districtName(districts, v) },
            { title: t('eval.completers'), dataIndex: 'completers' },
            { title: t('eval.rated'), dataIndex: 'rated' },
            { title: t('eval.rate'), dataIndex: 'ratePct', render: (v: number | null, r) => pct(v, r.meetsTarget) },
          ]}
        />
      </Card>
      <Card size="small" title={t('eval.byClass')}>
        <Table
          rowKey="classId"
          size="small"
          loading={!data}
          dataSource={data?.classes ?? []}
          data-testid="coverage-classes"
          locale={{ emptyText: t('eval.empty.classes') }}
          columns={[
            {
              title: t('eval.class'),
              dataIndex: 'className',
              render: (v: string, r) =>
                r.lowScore ? (
                  <Space>
                    {v}
                    <Tag color="red">{t('eval.low')}</Tag>
                  </Space>
                ) : (
                  v
                ),
            },
            { title: t('eval.providerName'), dataIndex: 'providerName' },
            { title: t('common.district'), dataIndex: 'districtCode', render: (v: string) => districtName(districts, v), onCell: nowrap },
            { title: t('eval.endDate'), dataIndex: 'endDate', render: (v: string) => date(v), onCell: nowrap },
            { title: t('eval.completers'), dataIndex: 'completers', onHeaderCell: nowrap },
            { title: t('eval.rated'), dataIndex: 'rated', onHeaderCell: nowrap },
            { title: t('eval.rate'), dataIndex: 'ratePct', render: (v: number | null, r) => pct(v, r.meetsTarget) },
            { title: t('eval.overall'), dataIndex: ['score', 'overall'], render: (v: number | null) => <Stars v={v} />, onHeaderCell: nowrap },
          ]}
        />
      </Card>
    </Space>
  );
}

/** Officers: moderation (city and district admins) and the share who rated (also auditors). */
export function EvaluationPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const moderates = me.role === 'city_admin' || me.role === 'district_admin';
  const items = [
    ...(moderates ? [{ key: 'queue', label: t('eval.queue'), children: <ModerationTab /> }] : []),
    { key: 'coverage', label: t('eval.coverage'), children: <CoverageTab /> },
  ];
  return <Tabs items={items} />;
}

type ProviderRatings = ResponseOf<'/api/v1/evaluation/provider-ratings'>;
type ProviderRating = ProviderRatings['items'][number];
const PAGE_SIZE = 20;

/** The provider's ratings, newest first: when, the class, who rated (masked), the overall and the four scores, published comments and its reply. */
export function ProviderRatingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [data, setData] = useState<ProviderRatings | null>(null);
  const [pageNo, setPageNo] = useState(1);
  const [replying, setReplying] = useState<ProviderRating | null>(null);
  const [text, setText] = useState('');
  const load = useCallback(() => {
    ok(client.GET('/api/v1/evaluation/provider-ratings', { params: { query: { limit: PAGE_SIZE, offset: (pageNo - 1) * PAGE_SIZE } } })).then(setData, (e) =>
      message.error(errorText(e)),
    );
  }, [message, pageNo]);
  useEffect(load, [load]);
  const send = async () => {
    if (!replying) return;
    try {
      await ok(client.POST('/api/v1/evaluation/ratings/{id}/reply', { params: { path: { id: replying.id } }, body: { text: text.trim() } }));
      message.success(t('eval.replySent'));
      setReplying(null);
      setText('');
      load();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const dims = ['teaching', 'practical', 'venue', 'organisation'] as const;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('eval.providerIntro')}</Typography.Paragraph>
      <Table<ProviderRating>
        rowKey="id"
        size="small"
        loading={!data}
        dataSource={data?.items ?? []}
        data-testid="provider-ratings"
        locale={{ emptyText: <EmptyHint title={t('eval.providerEmptyTitle')}>{t('eval.providerEmpty')}</EmptyHint> }}
        pagination={{ current: pageNo, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPageNo, hideOnSinglePage: true }}
        columns={[
          { title: t('eval.ratedOn'), dataIndex: 'changedAt', width: 110, render: (v: string) => date(v), onCell: nowrap },
          { title: t('eval.class'), dataIndex: 'className' },
          { title: t('eval.rater'), dataIndex: 'rater', width: 80, onCell: nowrap },
          { title: t('eval.overall'), dataIndex: 'overall', width: 150, render: (v: number) => <Stars v={v} /> },
          ...dims.map((d) => ({ title: t(`eval.${d}`), dataIndex: d, width: 80, render: (v: number) => t('eval.score', { s: v }), onCell: nowrap })),
          {
            title: t('eval.commentColumn'),
            dataIndex: 'comment',
            render: (v: string | null, r: ProviderRating) =>
              v === null ? (
                <span className="page-note">—</span>
              ) : (
                <div>
                  {v}
                  {r.reply && (
                    <div className="page-note">
                      {t('eval.reply')}：{r.reply}
                    </div>
                  )}
                </div>
              ),
          },
          {
            title: t('common.actions'),
            width: 80,
            render: (_: unknown, r: ProviderRating) =>
              r.comment !== null && !r.reply ? (
                <Button size="small" onClick={() => setReplying(r)} data-testid="reply">
                  {t('eval.replyButton')}
                </Button>
              ) : r.reply ? (
                <Tag>{t('eval.replied')}</Tag>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!replying}
        title={t('eval.replyText')}
        onCancel={() => setReplying(null)}
        okButtonProps={{ disabled: !text.trim() }}
        okText={t('eval.replySend')}
        onOk={() => void send()}
      >
        <Typography.Paragraph>{replying?.comment}</Typography.Paragraph>
        <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} maxLength={500} showCount rows={3} data-testid="reply-text" />
      </Modal>
    </>
  );
}
