/** 培训评价 on the worker's phone: rate an ended class (four dimensions and a comment), and a course's scores and comments. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Empty, Input, List, Rate, Skeleton, Space, Tag, Typography } from 'antd';
import { StarFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, ok, type ItemOf, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { date, dateMinute } from '../../lib/format';

export type Ratable = ItemOf<'/api/v1/evaluation/my-classes'>;
const DIMENSIONS = ['teaching', 'practical', 'venue', 'organisation'] as const;
type Dimension = (typeof DIMENSIONS)[number];

/** The worker's classes to rate, by class id (empty when the server offers no evaluation). */
export function useRatable(enabled: boolean): [Map<string, Ratable>, () => void] {
  const [items, setItems] = useState<Map<string, Ratable>>(new Map());
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    ok(client.GET('/api/v1/evaluation/my-classes')).then(
      (r) => setItems(new Map(r.items.map((i) => [i.classId, i]))),
      () => setItems(new Map()),
    );
  }, [enabled, tick]);
  return [items, () => setTick((n) => n + 1)];
}

const STATUS_COLOR: Record<string, string> = { pending: 'orange', published: 'green', rejected: 'red' };

/** Under a class on 我的培训: why it cannot be rated yet, or the form (a change while the 30 days last). */
export function RatingPanel({ item, onSaved }: { item: Ratable; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const r = item.rating;
  const [scores, setScores] = useState<Record<Dimension, number>>({
    teaching: r?.teaching ?? 0,
    practical: r?.practical ?? 0,
    venue: r?.venue ?? 0,
    organisation: r?.organisation ?? 0,
  });
  const [comment, setComment] = useState(r?.comment ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (item.refusal === 'RATING_CLASS_NOT_ENDED') return <div className="page-note">{t('eval.notEnded')}</div>;
  if (item.refusal === 'RATING_ATTENDANCE_BELOW_THRESHOLD' || item.refusal === 'RATING_NOT_A_TRAINEE')
    return <div className="page-note">{t('eval.belowThreshold')}</div>;
  const closed = item.refusal === 'RATING_CHANGE_WINDOW_CLOSED';

  const submit = async () => {
    if (DIMENSIONS.some((d) => scores[d] < 1)) return setError(t('eval.needAll'));
    setBusy(true);
    setError(null);
    try {
      await ok(
        client.PUT('/api/v1/evaluation/classes/{classId}/my-rating', {
          params: { path: { classId: item.classId } },
          body: { ...scores, comment: comment.trim() ? comment.trim() : null },
        }),
      );
      message.success(t('eval.saved'));
      onSaved();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="rating-panel" data-testid="rating-panel">
      <Typography.Text strong>{r ? t('eval.mine') : t('eval.title')}</Typography.Text>
      {DIMENSIONS.map((d) => (
        <div key={d} style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', minHeight: 44 }}>
          <span>{t(`eval.${d}`)}</span>
          <Rate
            value={scores[d]}
            disabled={closed}
            onChange={(v) => setScores((s) => ({ ...s, [d]: v }))}
            style={{ fontSize: '1.625rem' }}
            aria-label={t(`eval.${d}`)}
            data-testid={`rate-${d}`}
          />
        </div>
      ))}
      {!closed && (
        // the character count sits under the box: room for it so it does not run into the button
        <div style={{ paddingBottom: 22 }}>
          <Input.TextArea
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={500}
            showCount
            rows={3}
            placeholder={t('eval.commentHint')}
            aria-label={t('eval.comment')}
            data-testid="rate-comment"
          />
        </div>
      )}
      {closed && r?.comment && <div style={{ marginTop: 4 }}>{r.comment}</div>}
      {r && r.commentStatus !== 'none' && (
        <div style={{ marginTop: 6 }}>
          <Tag color={STATUS_COLOR[r.commentStatus]} data-testid="rating-status">
            {t(`eval.status.${r.commentStatus}`)}
          </Tag>
          {r.commentStatus === 'rejected' && r.moderationReason && <span className="page-note">{t('eval.rejectedBecause', { r: r.moderationReason })}</span>}
        </div>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} />}
      {closed ? (
        <div className="page-note">{t('eval.closed')}</div>
      ) : (
        <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }}>
          <span className="page-note">{r ? t('eval.editableUntil', { d: date(r.editableUntil) }) : ''}</span>
          <Button type="primary" loading={busy} onClick={() => void submit()} style={{ minHeight: 44 }} data-testid="rate-submit">
            {r ? t('eval.change') : t('eval.submit')}
          </Button>
        </Space>
      )}
    </div>
  );
}

/** "4.5 分", or a dash when nobody rated yet. */
export function scoreText(t: (k: string, o?: Record<string, unknown>) => string, v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : t('eval.score', { s: v.toFixed(1) });
}

/** ★ 4.5 · 12 人评价 — a course's score on a search card; opens its comments. */
export function ScoreBadge({ rating, onOpen }: { rating: { overall: number; ratings: number } | null; onOpen?: () => void }) {
  const { t } = useTranslation();
  if (!rating) return <span className="page-note">{t('eval.noRatings')}</span>;
  return (
    <Button type="link" size="small" onClick={onOpen} style={{ padding: 0, minHeight: 44 }} data-testid="course-score">
      <StarFilled style={{ color: '#fadb14' }} /> {t('eval.score', { s: rating.overall.toFixed(1) })} · {t('eval.ratings', { n: rating.ratings })}
    </Button>
  );
}

/** A course's and its provider's scores with the published comments and replies. */
export function CourseRatingsDrawer({ courseId, title, onClose }: { courseId: string | null; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [data, setData] = useState<ResponseOf<'/api/v1/evaluation/courses/{courseId}'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setData(null);
    setError(null);
    if (courseId) ok(client.GET('/api/v1/evaluation/courses/{courseId}', { params: { path: { courseId } } })).then(setData, (e) => setError(errorText(e)));
  }, [courseId]);
  return (
    <Drawer open={!!courseId} onClose={onClose} title={title} placement="bottom" height="80%" data-testid="course-ratings">
      {error && <Alert type="error" showIcon message={error} />}
      {!data && !error && <Skeleton active />}
      {data && (
        <>
          <Space direction="vertical" style={{ width: '100%' }}>
            <div>
              {t('eval.course')}：<Rate disabled allowHalf value={Math.round((data.score.overall ?? 0) * 2) / 2} style={{ fontSize: '1rem' }} />{' '}
              <span data-testid="course-overall">{scoreText(t, data.score.overall)}</span> · {t('eval.ratings', { n: data.score.ratings })}
            </div>
            <div className="page-note" data-testid="course-dimensions">
              {/* each "教学质量 5.0 分" on one line; the line breaks between dimensions */}
              {DIMENSIONS.map((d, i) => (
                <span key={d}>
                  {i > 0 && ' · '}
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {t(`eval.${d}`)} {scoreText(t, data.score.dimensions[d])}
                  </span>
                </span>
              ))}
            </div>
            <div>
              {t('eval.provider')}（{data.provider.name}）：{scoreText(t, data.provider.score.overall)} ·{' '}
              {t('eval.ratings', { n: data.provider.score.ratings })}
            </div>
          </Space>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('eval.comments')}
          </Typography.Title>
          {data.comments.length === 0 ? (
            <Empty description={t('eval.noComments')} />
          ) : (
            <List
              dataSource={data.comments}
              renderItem={(c) => (
                <List.Item>
                  <div style={{ width: '100%' }}>
                    <Space>
                      <span>{c.rater}</span>
                      <Rate disabled allowHalf value={Math.round(c.overall * 2) / 2} style={{ fontSize: '0.75rem' }} />
                      <span className="page-note">{dateMinute(c.changedAt)}</span>
                    </Space>
                    <div>{c.comment}</div>
                    {c.reply && (
                      <div className="page-note" style={{ background: '#fafafa', padding: 6, marginTop: 4 }}>
                        {t('eval.reply')}：{c.reply}
                      </div>
                    )}
                  </div>
                </List.Item>
              )}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
