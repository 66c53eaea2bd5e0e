import { useEffect, useState } from 'react';
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

/**
 * What the pre-check (我能领吗？) answered for, carried to the form by its 去申领 button
 * (?occupationCode=…&level=…&programmeId=…), so the voucher applied for is the one just checked.
 */
function prefilled(): { occupationCode?: string; level?: number; programmeId?: string } {
  const q = new URLSearchParams(location.search);
  const level = Number(q.get('level'));
  return {
    ...(q.get('occupationCode') ? { occupationCode: q.get('occupationCode')! } : {}),
    ...(q.get('level') !== null && Number.isInteger(level) && level >= 0 && level <= 5 ? { level } : {}),
    ...(q.get('programmeId') ? { programmeId: q.get('programmeId')! } : {}),
  };
}

export function ApplyPage() {
  const { t } = useTranslation();
  const programmes = useProgrammes().filter((p) => p.status === 'open');
  const [initial] = useState(prefilled);
  const [occupations, setOccupations] = useState<Occupation[]>([]);
  // the carried occupation's name for its option (the search answers a code with that occupation)
  useEffect(() => {
    if (!initial.occupationCode) return;
    ok(client.GET('/api/v1/occupations', { params: { query: { q: initial.occupationCode, limit: 30 } } })).then(
      (r) => setOccupations(r.items.filter((o) => o.code === initial.occupationCode)),
      () => undefined,
    );
  }, [initial.occupationCode]);
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
        {/* no level by default: a level picked for the person (五级) would issue a voucher of the wrong level and a lower subsidy */}
        <Form layout="vertical" onFinish={submit} initialValues={initial}>
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
          <Form.Item name="level" htmlFor="apply-level" label={t('common.level')} rules={[{ required: true, message: t('apply.pickLevel') }]}>
            <Select id="apply-level" placeholder={t('apply.pickLevel')} options={[5, 4, 3, 2, 1, 0].map((l) => ({ value: l, label: t(`level.${l}`) }))} />
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
