import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Rate, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { client, ok, type ItemOf } from '../../lib/api';
import { errorText } from '../../i18n';

type ServiceRating = ItemOf<'/api/v1/service-ratings/mine'>;
type Kind = ServiceRating['kind'];

/** The worker's service ratings (好差评), to know which finished services are rated already. */
export function useMyServiceRatings(): { ratings: ServiceRating[] | null; add: (r: ServiceRating) => void } {
  const [ratings, setRatings] = useState<ServiceRating[] | null>(null);
  useEffect(() => {
    ok(client.GET('/api/v1/service-ratings/mine')).then(
      (r) => setRatings(r.items),
      () => setRatings([]),
    );
  }, []);
  return { ratings, add: (r) => setRatings((list) => [r, ...(list ?? [])]) };
}

/** 好差评: rate a finished service once — 1–5 stars and an optional comment; once rated, the stars given. */
export function ServiceRatingPrompt({
  kind,
  objectId,
  prompt,
  rated,
  onRated,
}: {
  kind: Kind;
  objectId: string;
  prompt: string;
  rated: ServiceRating | undefined;
  onRated: (r: ServiceRating) => void;
}) {
  const { t } = useTranslation();
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const labels = [1, 2, 3, 4, 5].map((n) => t(`rating.service.star${n}`));
  if (rated)
    return (
      <Space data-testid="service-rated">
        <Rate disabled value={rated.stars} />
        <Typography.Text type="secondary">{t('rating.service.done', { stars: rated.stars })}</Typography.Text>
      </Space>
    );
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onRated(await ok(client.POST('/api/v1/service-ratings', { body: { kind, objectId, stars, ...(comment.trim() ? { comment: comment.trim() } : {}) } })));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" type="inner" title={t('rating.service.title')} data-testid="service-rating">
      <Typography.Paragraph style={{ marginBottom: 8 }}>{prompt}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Rate value={stars} onChange={setStars} tooltips={labels} aria-label={t('rating.service.title')} data-testid="service-stars" />
          {stars > 0 && <Typography.Text type="secondary">{labels[stars - 1]}</Typography.Text>}
        </Space>
        <Input.TextArea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={300}
          showCount
          rows={2}
          placeholder={t('rating.service.comment')}
          aria-label={t('rating.service.comment')}
          data-testid="service-comment"
        />
        {error && <Alert type="error" showIcon message={error} />}
        <Button type="primary" disabled={stars === 0} loading={busy} onClick={() => void submit()} data-testid="service-submit">
          {t('rating.service.submit')}
        </Button>
      </Space>
    </Card>
  );
}
