import { useEffect, useState } from 'react';
import { Alert, Card, Descriptions, Empty, Skeleton, Space, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../lib/api';
import { errorText } from '../../i18n';
import { date, fen } from '../../lib/format';
import { StatusTag } from '../../lib/ui';
import type { Claim } from '../subsidy/Claims';

interface Certificate {
  certificateNumber: string;
  certificateType: string;
  holderNameMasked: string;
  occupationCode: string;
  level: number;
  assessedOn: string;
}
type ClaimWithEvents = Claim & { events?: Array<{ to: string; at: string }> };

/** The worker's certificates and subsidies: amount, masked account, status and the paid date. */
export function MyResultsPage() {
  const { t } = useTranslation();
  const [certs, setCerts] = useState<Certificate[] | null>(null);
  const [claims, setClaims] = useState<ClaimWithEvents[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<Certificate[]>('/me/certificates').then(setCerts, (e) => setError(errorText(e)));
    api.get<Page<Claim>>('/subsidy/claims', { limit: 100 }).then(
      async (r) =>
        setClaims(
          await Promise.all(
            r.items.map((c) => (c.status === 'paid' ? api.get<ClaimWithEvents>(`/subsidy/claims/${c.id}`).catch(() => c) : Promise.resolve(c))),
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
                {c.occupationCode} · {t(`level.${c.level}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('results.account')}>
                {c.payee.bankName ?? ''} {c.payee.accountMasked ?? '—'}
              </Descriptions.Item>
              {paidAt && <Descriptions.Item label={t('results.paidOn')}>{date(paidAt)}</Descriptions.Item>}
              {c.status === 'failed' && c.failReason && <Descriptions.Item label={t('claim.failReason')}>{c.failReason}</Descriptions.Item>}
            </Descriptions>
          </Card>
        );
      })}
      <Typography.Title level={5} style={{ margin: '4px 0' }}>
        {t('results.certificates')}
      </Typography.Title>
      {!certs.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('results.noCertificates')} />}
      {certs.map((c) => (
        <Card key={c.certificateNumber} size="small" className="voucher-card">
          <Space align="start">
            <SafetyCertificateOutlined style={{ fontSize: 28, color: '#faad14' }} />
            <div>
              <Typography.Text strong>{t(`cert.${c.certificateType}`)}</Typography.Text>
              <div className="page-note">
                {c.occupationCode} · {t(`level.${c.level}`)} · {date(c.assessedOn)}
              </div>
              <div className="page-note">
                {t('result.certificateNumber')}: {c.certificateNumber}
              </div>
            </div>
          </Space>
        </Card>
      ))}
    </Space>
  );
}
