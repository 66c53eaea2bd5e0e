import { useState } from 'react';
import { Alert, Button, Card, Form, Result, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../lib/api';
import { errorText } from '../../i18n';
import { useProgrammes } from '../../lib/data';
import { navigate } from '../../lib/router';
import { VoucherSummary, type Voucher } from './Vouchers';

interface Occupation {
  code: string;
  name: string;
  shortage: boolean;
}

export function ApplyPage() {
  const { t } = useTranslation();
  const programmes = useProgrammes().filter((p) => p.status === 'open');
  const [occupations, setOccupations] = useState<Occupation[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ voucher: Voucher; reason: string } | null>(null);

  const search = async (q: string) => {
    if (!q.trim()) return;
    try {
      setOccupations((await api.get<Page<Occupation>>('/occupations', { q: q.trim(), limit: 30 })).items);
    } catch {
      /* keep the previous list while typing */
    }
  };
  const submit = async (v: { occupationCode: string; level: number; programmeId?: string }) => {
    setBusy(true);
    setError(null);
    try {
      setResult(
        await api.post<{ voucher: Voucher; reason: string }>('/vouchers/apply', {
          occupationCode: v.occupationCode,
          level: v.level,
          ...(v.programmeId ? { programmeId: v.programmeId } : {}),
        }),
      );
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (result)
    return (
      <Card className="voucher-card">
        <Result
          status="success"
          title={result.voucher.kind === 'subsidy' ? t('apply.okSubsidy') : t('apply.okCheckin')}
          subTitle={<span data-testid="apply-reason">{result.reason}</span>}
          extra={
            <Button type="primary" onClick={() => navigate(`/vouchers/${result.voucher.id}`)}>
              {t('apply.view')}
            </Button>
          }
        />
        <VoucherSummary v={result.voucher} />
      </Card>
    );

  return (
    <Card className="voucher-card" title={t('apply.title')}>
      <Typography.Paragraph type="secondary">{t('apply.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="apply-error" />}
      <Form layout="vertical" onFinish={submit} initialValues={{ level: 5 }}>
        <Form.Item name="occupationCode" label={t('common.occupation')} rules={[{ required: true, message: t('apply.pickOccupation') }]}>
          <Select
            id="apply-occupation"
            showSearch
            filterOption={false}
            onSearch={search}
            placeholder={t('apply.searchOccupation')}
            notFoundContent={null}
            options={occupations.map((o) => ({ value: o.code, label: `${o.name} ${o.code}${o.shortage ? ' ★' : ''}` }))}
          />
        </Form.Item>
        <Form.Item name="level" label={t('common.level')} rules={[{ required: true }]}>
          <Select options={[5, 4, 3, 2, 1, 0].map((l) => ({ value: l, label: t(`level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="programmeId" label={`${t('common.programme')} (${t('apply.optional')})`}>
          <Select allowClear options={programmes.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('apply.submit')}
        </Button>
      </Form>
    </Card>
  );
}
