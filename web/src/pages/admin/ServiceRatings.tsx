import { useEffect, useState } from 'react';
import { Alert, Card, Progress, Rate, Skeleton, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { client, ok, type ItemOf } from '../../lib/api';
import { errorText } from '../../i18n';

type Counts = ItemOf<'/api/v1/service-ratings/stats'>;

/** 好差评 statistics: ratings per kind of service, by stars, with the mean and the good / bad shares (the officer's scope). */
export function ServiceRatingsPage() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Counts[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ok(client.GET('/api/v1/service-ratings/stats')).then(
      (r) => setItems(r.items),
      (e) => setError(errorText(e)),
    );
  }, []);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!items) return <Skeleton active />;
  const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
  return (
    <Card title={t('rating.stats.title')}>
      <Typography.Paragraph type="secondary">{t('rating.stats.intro')}</Typography.Paragraph>
      <Table<Counts>
        rowKey="kind"
        pagination={false}
        dataSource={items}
        data-testid="service-rating-stats"
        columns={[
          { title: t('rating.stats.kind'), dataIndex: 'kind', render: (k: string) => t(`rating.kind.${k}`) },
          { title: t('rating.stats.ratings'), dataIndex: 'ratings' },
          {
            title: t('rating.stats.average'),
            key: 'average',
            render: (_: unknown, r) =>
              r.average === null ? (
                '—'
              ) : (
                <span style={{ whiteSpace: 'nowrap' }}>
                  <Rate disabled allowHalf value={Math.round(r.average * 2) / 2} style={{ fontSize: 14 }} /> {r.average.toFixed(1)}
                </span>
              ),
          },
          {
            title: t('rating.stats.stars'),
            key: 'stars',
            render: (_: unknown, r) =>
              r.stars.map((n, i) => (
                <div key={i} style={{ display: 'flex', gap: 8, alignItems: 'center', minWidth: 180 }}>
                  <span style={{ width: 36 }}>{t('rating.stats.starN', { n: i + 1 })}</span>
                  <Progress percent={r.ratings ? Math.round((n * 100) / r.ratings) : 0} size="small" showInfo={false} style={{ flex: 1, margin: 0 }} />
                  <span style={{ width: 28, textAlign: 'right' }}>{n}</span>
                </div>
              )),
          },
          { title: t('rating.stats.good'), dataIndex: 'goodPct', render: pct },
          { title: t('rating.stats.bad'), dataIndex: 'badPct', render: pct },
        ]}
      />
    </Card>
  );
}
