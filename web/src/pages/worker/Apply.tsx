import { useState } from 'react';
import { Alert, Button, Card, Form, Result, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { client, ok, type ItemOf, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { useProgrammes } from '../../lib/data';
import { fen } from '../../lib/format';
import { navigate } from '../../lib/router';
import { VoucherSummary } from './Vouchers';
import { PrecheckEntry } from './Precheck';
import { appealLink } from '../appeals/Worker';

type Occupation = ItemOf<'/api/v1/occupations'>;
type Applied = ResponseOf<'/api/v1/vouchers/apply', 'post'>;
type Explanation = Applied['explanation'];

/** Why this voucher, in words: the programme and its figures, or why no programme applied (never the person's category). */
export function explain(t: (k: string, o?: Record<string, unknown>) => string, x: Explanation): string {
  if (x.kind === 'subsidy')
    return t('apply.explain.subsidy', {
      programme: x.programmeName ?? '',
      standard: fen(x.standardFen),
      ratio: x.ratioPct,
      uplift: x.upliftPct ? t('apply.explain.uplift', { pct: x.upliftPct }) : '',
    });
  return `${t('apply.explain.checkin')}${x.causes.map((c) => t(`apply.cause.${c.cause}`, { programme: c.programmeName ?? '' })).join('；')}`;
}

export function ApplyPage() {
  const { t } = useTranslation();
  const programmes = useProgrammes().filter((p) => p.status === 'open');
  const [occupations, setOccupations] = useState<Occupation[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Applied | null>(null);

  const search = async (q: string) => {
    if (!q.trim()) return;
    try {
      setOccupations((await ok(client.GET('/api/v1/occupations', { params: { query: { q: q.trim(), limit: 30 } } }))).items);
    } catch {
      /* keep the previous list while typing */
    }
  };
  const submit = async (v: { occupationCode: string; level: number; programmeId?: string }) => {
    setBusy(true);
    setError(null);
    try {
      setResult(
        await ok(
          client.POST('/api/v1/vouchers/apply', {
            body: { occupationCode: v.occupationCode, level: v.level, ...(v.programmeId ? { programmeId: v.programmeId } : {}) },
          }),
        ),
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
          subTitle={<span data-testid="apply-reason">{explain(t, result.explanation)}</span>}
          extra={[
            <Button key="v" type="primary" onClick={() => navigate(`/vouchers/${result.voucher.id}`)}>
              {t('apply.view')}
            </Button>,
            // applying and registering are one path: from here to the classes this voucher can register for
            <Button key="c" onClick={() => navigate('/courses')} data-testid="apply-find-courses">
              {t('menu.courses.worker')}
            </Button>,
            // no subsidy rule matched: the worker may appeal (申诉) the outcome
            ...(result.voucher.kind === 'checkin_only'
              ? [
                  <Button key="a" onClick={() => navigate(appealLink('voucher_application', result.voucher.id))} data-testid="apply-appeal">
                    {t('appeals.button')}
                  </Button>,
                ]
              : []),
          ]}
        />
        <VoucherSummary v={result.voucher} />
      </Card>
    );

  return (
    <>
      <PrecheckEntry />
      <Card className="voucher-card" title={t('apply.title')}>
        <Typography.Paragraph type="secondary">{t('apply.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="apply-error" />}
        <Form layout="vertical" onFinish={submit} initialValues={{ level: 5 }}>
          <Form.Item
            name="occupationCode"
            htmlFor="apply-occupation"
            label={t('common.occupation')}
            rules={[{ required: true, message: t('apply.pickOccupation') }]}
          >
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
    </>
  );
}
