/**
 * 办理进度 (issue 20 part 2): the steps of a voucher, a subsidy claim or a rehabilitation case as a vertical list —
 * each with the day it was done, or the day expected by the rules, marked 预计 with what it rests on
 * ("公示 5 个工作日，遇节假日顺延"), or why it ended. Used on the worker's and the officers' pages.
 */
import { useEffect, useState } from 'react';
import { Alert, Skeleton, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { client, ok, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { bankReasonText } from '../../lib/bank-reason';

type Timeline = ResponseOf<'/api/v1/vouchers/{id}/timeline'>;
type Step = Timeline['steps'][number];

const STATUS: Record<Step['state'], 'finish' | 'process' | 'wait' | 'error'> = {
  done: 'finish',
  current: 'process',
  expected: 'wait',
  skipped: 'wait',
  failed: 'error',
};

function load(kind: 'voucher' | 'claim' | 'rehab', id: string): Promise<Timeline> {
  const params = { params: { path: { id } } };
  if (kind === 'voucher') return ok(client.GET('/api/v1/vouchers/{id}/timeline', params));
  if (kind === 'claim') return ok(client.GET('/api/v1/subsidy/claims/{id}/timeline', params));
  return ok(client.GET('/api/v1/rehab/cases/{id}/timeline', params));
}

/** A Shanghai business day (YYYY-MM-DD) with its weekday: 2026-10-12 周一. */
function DayText({ d }: { d: string }) {
  const { t } = useTranslation();
  const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums' }}>
      {d} {t(`tl.weekday.${dow}`)}
    </span>
  );
}

function StepDescription({ s, noticeDays }: { s: Step; noticeDays: number }) {
  const { t, i18n } = useTranslation();
  const dateLine =
    s.date === null ? null : s.expected ? (
      <div data-testid="tl-expected-date">
        <Tag color="blue" style={{ marginInlineEnd: 4 }}>
          {t('tl.expected')}
        </Tag>
        <DayText d={s.date} />
        {s.provisional && (
          <Tag color="orange" style={{ marginInlineStart: 4 }}>
            {t('tl.provisional')}
          </Tag>
        )}
      </div>
    ) : (
      <div data-testid="tl-date">
        <DayText d={s.date} />
      </div>
    );
  return (
    <div style={{ paddingBottom: 4 }}>
      {dateLine}
      {s.state !== 'done' && s.date === null && s.state !== 'skipped' && s.state !== 'failed' && s.note && <div className="page-note">{t('tl.noDate')}</div>}
      {s.state === 'skipped' && <div className="page-note">{t('tl.state.skipped')}</div>}
      {s.note && (s.state !== 'done' || s.note === 'admitted_at_desk') && (
        <Typography.Text type={s.state === 'failed' ? 'danger' : 'secondary'} style={{ fontSize: 13, display: 'block' }} data-testid="tl-note">
          {t(`tl.note.${s.note}`, { n: noticeDays })}
        </Typography.Text>
      )}
      {s.reason && (
        <Typography.Text type={s.state === 'failed' ? 'danger' : 'secondary'} style={{ fontSize: 13, display: 'block' }}>
          {t('tl.reason', { r: s.note === 'payment_failed' ? bankReasonText(t, s.reason, i18n.language.startsWith('en')) : s.reason })}
        </Typography.Text>
      )}
      {s.provisional && <div className="page-note">{t('tl.provisionalNote')}</div>}
    </div>
  );
}

/**
 * The steps of one voucher, claim or rehabilitation case. `version` changes → reloaded (after an action on the page).
 */
export function ProgressSteps({ kind, id, version }: { kind: 'voucher' | 'claim' | 'rehab'; id: string; version?: string | number }) {
  const { t } = useTranslation();
  const [tl, setTl] = useState<Timeline | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    load(kind, id).then(
      (x) => live && setTl(x),
      (e) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [kind, id, version]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!tl) return <Skeleton active paragraph={{ rows: 4 }} />;
  const group = tl.kind === 'rehab' ? 'rehab' : 'voucher';
  const current = tl.steps.findIndex((s) => s.state === 'current');
  const anyExpected = tl.steps.some((s) => s.expected);
  return (
    <div data-testid={`progress-${tl.kind}`}>
      <Steps
        direction="vertical"
        size="small"
        current={current >= 0 ? current : undefined}
        items={tl.steps.map((s) => ({
          title: (
            <span data-testid={`tl-step-${s.key}`} data-state={s.state} style={s.state === 'skipped' ? { color: '#aaa' } : undefined}>
              {t(`tl.${group}.${s.key}`)}
              {s.state === 'current' && (
                <Tag color="processing" style={{ marginInlineStart: 6 }}>
                  {t('tl.state.current')}
                </Tag>
              )}
            </span>
          ),
          status: STATUS[s.state],
          description: <StepDescription s={s} noticeDays={tl.noticeWorkingDays ?? 0} />,
        }))}
      />
      {anyExpected && <div className="page-note">{t(tl.kind === 'rehab' ? 'tl.expectedHintRehab' : 'tl.expectedHint')}</div>}
    </div>
  );
}
