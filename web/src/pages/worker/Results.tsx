import { useEffect, useState } from 'react';
import { Alert, Button, Card, Collapse, Descriptions, Empty, Skeleton, Space, Typography } from 'antd';
import { FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, download, ok, type ItemOf, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { date, fen } from '../../lib/format';
import { StatusTag } from '../../lib/ui';
import { bankReasonText } from '../../lib/bank-reason';
import { OccupationLabel } from '../../lib/occupation';
import { ServiceRatingPrompt, useMyServiceRatings } from './ServiceRating';
import { navigate } from '../../lib/router';
import { appealLink } from '../appeals/Worker';
import { ProgressSteps } from '../timeline/Progress';

type Certificate = ItemOf<'/api/v1/me/certificates'>;

type Claim = ItemOf<'/api/v1/subsidy/claims'>;
type ClaimWithEvents = Claim & Partial<Pick<ResponseOf<'/api/v1/subsidy/claims/{id}'>, 'events'>>;

/** The worker's certificates and subsidies: amount, masked account, status and the paid date. */
export function MyResultsPage() {
  const { t, i18n } = useTranslation();
  const [certs, setCerts] = useState<Certificate[] | null>(null);
  const [claims, setClaims] = useState<ClaimWithEvents[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const served = useMyServiceRatings();
  useEffect(() => {
    ok(client.GET('/api/v1/me/certificates')).then(
      (r) => setCerts(r.items),
      (e) => setError(errorText(e)),
    );
    ok(client.GET('/api/v1/subsidy/claims', { params: { query: { limit: 100 } } })).then(
      async (r) =>
        setClaims(
          await Promise.all(
            r.items.map((c) =>
              c.status === 'paid' ? ok(client.GET('/api/v1/subsidy/claims/{id}', { params: { path: { id: c.id } } })).catch(() => c) : Promise.resolve(c),
            ),
          ),
        ),
      (e) => setError(errorText(e)),
    );
  }, []);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!certs || !claims) return <Skeleton active />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5} style={{ margin: '4px 0' }}>
        {t('results.subsidy')}
      </Typography.Title>
      {!claims.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('results.noSubsidy')} />}
      {claims.map((c) => {
        const paidAt = c.events?.find((e) => e.to === 'paid')?.at;
        return (
          <Card key={c.id} size="small" className="voucher-card" data-testid="subsidy-card">
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <span className="amount" data-testid="subsidy-amount">
                {fen(c.amountFen)}
              </span>
              <StatusTag status={c.status} />
            </Space>
            <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
              <Descriptions.Item label={t('common.occupation')}>
                <OccupationLabel code={c.occupationCode} /> · {t(`level.${c.level}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('results.account')}>
                {c.payee.bankName ?? ''} {c.payee.accountMasked ?? '—'}
              </Descriptions.Item>
              {paidAt && <Descriptions.Item label={t('results.paidOn')}>{date(paidAt)}</Descriptions.Item>}
              {c.status === 'failed' && c.failReason && (
                <Descriptions.Item label={t('claim.failReason')}>{bankReasonText(t, c.failReason, i18n.language.startsWith('en'))}</Descriptions.Item>
              )}
            </Descriptions>
            {c.status === 'paid' && served.ratings && (
              <ServiceRatingPrompt
                kind="claim"
                objectId={c.id}
                prompt={t('rating.service.claim')}
                rated={served.ratings.find((r) => r.kind === 'claim' && r.objectId === c.id)}
                onRated={served.add}
              />
            )}
            {c.status === 'rejected' && (
              <Space direction="vertical" style={{ width: '100%' }}>
                {c.decision.opinion && (
                  <Alert type="warning" showIcon message={t('appeals.rejectedBecause', { r: c.decision.opinion })} data-testid="claim-rejected-reason" />
                )}
                <Button block onClick={() => navigate(appealLink('claim', c.id))} data-testid="claim-appeal">
                  {t('appeals.button')}
                </Button>
              </Space>
            )}
            <Collapse
              size="small"
              ghost
              defaultActiveKey={c.status === 'paid' || c.status === 'rejected' ? [] : ['progress']}
              items={[{ key: 'progress', label: t('tl.title'), children: <ProgressSteps kind="claim" id={c.id} /> }]}
              data-testid="subsidy-progress"
            />
          </Card>
        );
      })}
      <Typography.Title level={5} style={{ margin: '4px 0' }}>
        {t('results.certificates')}
      </Typography.Title>
      {!certs.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('results.noCertificates')} />}
      {certs.map((c) => (
        <Card key={c.id} size="small" className="voucher-card" data-testid="cert-card">
          <Space align="start">
            <SafetyCertificateOutlined style={{ fontSize: '1.75rem', color: '#faad14' }} />
            <div>
              <Typography.Text strong>{t(`cert.${c.certificateType}`)}</Typography.Text>
              <div className="page-note">
                <OccupationLabel code={c.occupationCode} /> · {t(`level.${c.level}`)} · {date(c.assessedOn)}
              </div>
              <div className="page-note">
                {t('result.certificateNumber')}
                {t('common.colon')}
                {c.certificateNumber}
              </div>
              {c.issuerName && <div className="page-note">{c.issuerName}</div>}
              <Button
                size="small"
                icon={<FilePdfOutlined />}
                style={{ marginTop: 6 }}
                data-testid="cert-download"
                onClick={() =>
                  download('/api/v1/me/certificates/{id}/pdf', { path: { id: c.id } }, `certificate-${c.certificateNumber}.pdf`).catch((e) =>
                    setError(errorText(e)),
                  )
                }
              >
                {t('cert.download')}
              </Button>
            </div>
          </Space>
        </Card>
      ))}
    </Space>
  );
}
