import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Form, Result, Select, Skeleton, Space, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, ok, type ItemOf, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { useProgrammes } from '../../lib/data';
import { date, fen } from '../../lib/format';
import { navigate } from '../../lib/router';
import { OccupationLabel } from '../../lib/occupation';

type Precheck = ResponseOf<'/api/v1/precheck'>;
type Answer = Precheck['answers'][number];
type Occupation = ItemOf<'/api/v1/occupations'>;
type Query = { courseId?: string; occupationCode?: string; level?: number; programmeId?: string };

/** The entry to the pre-check (on the apply page and the worker's home). */
export function PrecheckEntry() {
  const { t } = useTranslation();
  return (
    <Card size="small" className="voucher-card" data-testid="precheck-entry">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="center">
        <div>
          <Typography.Text strong>
            <QuestionCircleOutlined /> {t('precheck.entry')}
          </Typography.Text>
          <div className="page-note">{t('precheck.entryNote')}</div>
        </div>
        <Button type="primary" ghost onClick={() => navigate('/precheck')} data-testid="precheck-open">
          {t('menu.precheck')}
        </Button>
      </Space>
    </Card>
  );
}

/** One reason in plain words: the code's sentence (never the rule's English). */
function reasonText(t: (k: string) => string, code: string): string {
  const key = `precheck.reason.${code}`;
  const s = t(key);
  return s === key ? t('precheck.reason.other') : s;
}

function AnswerCard({ a, main }: { a: Answer; main: boolean }) {
  const { t } = useTranslation();
  return (
    <Card size="small" className="voucher-card" data-testid={main ? 'precheck-answer' : 'precheck-other'}>
      <Space align="start">
        {a.eligible ? <CheckCircleFilled style={{ color: '#52c41a', fontSize: 22 }} /> : <CloseCircleFilled style={{ color: '#ff4d4f', fontSize: 22 }} />}
        <div>
          <Typography.Text strong data-testid="precheck-verdict">
            {a.eligible ? t('precheck.eligible') : t('precheck.notEligible')}
          </Typography.Text>
          <div className="page-note">{a.programmeName}</div>
        </div>
      </Space>
      {a.reasons.length > 0 && (
        <ul className="precheck-reasons" data-testid="precheck-reasons">
          {a.reasons.map((r) => (
            <li key={r.code}>{reasonText(t, r.code)}</li>
          ))}
        </ul>
      )}
      {a.notes.length > 0 && (
        <Alert type="info" showIcon style={{ marginTop: 8 }} message={a.notes.map((n) => reasonText(t, n.code)).join(' ')} data-testid="precheck-notes" />
      )}
      <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
        <Descriptions.Item label={t('precheck.subsidy')}>
          <span className="amount" data-testid="precheck-subsidy">
            {fen(a.subsidyFen)}
          </span>
        </Descriptions.Item>
        {a.feeFen !== null && <Descriptions.Item label={t('precheck.fee')}>{fen(a.feeFen)}</Descriptions.Item>}
        <Descriptions.Item label={t('precheck.selfPaid')}>
          {a.selfPaidFen === null ? (
            <span className="page-note">{t('precheck.selfPaidUnknown')}</span>
          ) : (
            <span data-testid="precheck-self-paid">{fen(a.selfPaidFen)}</span>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('precheck.remaining', { year: a.year })}>
          <span data-testid="precheck-remaining">{t('precheck.remainingValue', { n: a.remainingThisYear, max: a.maxThisYear, used: a.usedThisYear })}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('precheck.voucher')}>
          <span data-testid="precheck-validity">
            {a.voucher.held
              ? t('precheck.voucherHeld', { number: a.voucher.number ?? '', from: date(a.voucher.validFrom), until: date(a.voucher.validUntil) })
              : t('precheck.voucherNew', { months: a.voucher.validityMonths, from: date(a.voucher.validFrom), until: date(a.voucher.validUntil) })}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {a.subsidyFen > 0 && (
        <div className="page-note">
          {t('precheck.rate', { ratio: a.ratioPct, standard: fen(a.standardFen) })}
          {a.upliftPct ? t('precheck.uplift', { pct: a.upliftPct }) : ''}
        </div>
      )}
      {a.eligible && (
        <div className="page-note" style={{ marginTop: 4 }}>
          {t('precheck.later', { pct: a.attendanceThresholdPct })}
        </div>
      )}
    </Card>
  );
}

/** 去申领 opens the form with what was just checked: the occupation, the level and the answer's programme. */
function applyLink(r: Precheck, a: Answer): string {
  const q = new URLSearchParams({ occupationCode: r.occupationCode, level: String(r.level), programmeId: a.programmeId });
  return `/apply?${q.toString()}`;
}

function Answers({ r, onAgain }: { r: Precheck; onAgain: () => void }) {
  const { t } = useTranslation();
  const [first, ...others] = r.answers;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" className="voucher-card">
        <Typography.Text strong>{r.courseName ?? <OccupationLabel code={r.occupationCode} name={r.occupationName} />}</Typography.Text>
        <div className="page-note">
          {r.courseName && <OccupationLabel code={r.occupationCode} name={r.occupationName} />} {t(`level.${r.level}`)}
        </div>
      </Card>
      {!first && <Empty description={t('precheck.none')} />}
      {first && <AnswerCard a={first} main />}
      {others.length > 0 && (
        <Typography.Text type="secondary" style={{ marginTop: 4 }}>
          {t('precheck.other')}
        </Typography.Text>
      )}
      {others.map((a) => (
        <AnswerCard key={a.programmeId} a={a} main={false} />
      ))}
      <Space wrap>
        {first?.eligible && !first.voucher.held && (
          <Button type="primary" onClick={() => navigate(applyLink(r, first))} data-testid="precheck-apply">
            {t('precheck.apply')}
          </Button>
        )}
        {!r.courseId && <Button onClick={() => navigate('/courses')}>{t('precheck.findCourses')}</Button>}
        <Button onClick={onAgain} data-testid="precheck-again">
          {t('precheck.again')}
        </Button>
      </Space>
    </Space>
  );
}

/** 我能领吗？补多少？ — a course (from its card: ?courseId=…) or an occupation, level and programme; the answer in plain words. */
export function PrecheckPage() {
  const { t } = useTranslation();
  const programmes = useProgrammes().filter((p) => p.status === 'open');
  const [occupations, setOccupations] = useState<Occupation[]>([]);
  const [query, setQuery] = useState<Query | null>(() => {
    const courseId = new URLSearchParams(location.search).get('courseId');
    return courseId ? { courseId } : null;
  });
  const [result, setResult] = useState<Precheck | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!query) return;
    setResult(null);
    setError(null);
    ok(client.GET('/api/v1/precheck', { params: { query } })).then(setResult, (e) => setError(errorText(e)));
  }, [query]);

  const search = async (q: string) => {
    if (!q.trim()) return;
    try {
      setOccupations((await ok(client.GET('/api/v1/occupations', { params: { query: { q: q.trim(), limit: 30 } } }))).items);
    } catch {
      /* keep the previous list while typing */
    }
  };
  const again = () => {
    setQuery(null);
    setResult(null);
    navigate('/precheck', true);
  };

  if (query && !result && !error) return <Skeleton active />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {error && <Result status="warning" title={error} extra={<Button onClick={again}>{t('precheck.again')}</Button>} data-testid="precheck-error" />}
      {result && <Answers r={result} onAgain={again} />}
      {!query && (
        <Card className="voucher-card" title={t('precheck.title')}>
          <Typography.Paragraph type="secondary">{t('precheck.intro')}</Typography.Paragraph>
          <Form
            layout="vertical"
            initialValues={{ level: 4 }}
            onFinish={(v: { occupationCode: string; level: number; programmeId?: string }) =>
              setQuery({ occupationCode: v.occupationCode, level: v.level, ...(v.programmeId ? { programmeId: v.programmeId } : {}) })
            }
          >
            <Form.Item name="occupationCode" label={t('common.occupation')} rules={[{ required: true, message: t('apply.pickOccupation') }]}>
              <Select
                id="precheck-occupation"
                showSearch
                filterOption={false}
                onSearch={search}
                placeholder={t('apply.searchOccupation')}
                notFoundContent={null}
                options={occupations.map((o) => ({ value: o.code, label: `${o.name} ${o.code}${o.shortage ? ' ★' : ''}` }))}
              />
            </Form.Item>
            <Form.Item name="level" label={t('common.level')} rules={[{ required: true }]}>
              <Select id="precheck-level" options={[5, 4, 3, 2, 1, 0].map((l) => ({ value: l, label: t(`level.${l}`) }))} />
            </Form.Item>
            <Form.Item name="programmeId" label={t('common.programme')}>
              <Select allowClear placeholder={t('precheck.anyProgramme')} options={programmes.map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" data-testid="precheck-submit">
              {t('precheck.submit')}
            </Button>
          </Form>
          <Button type="link" block onClick={() => navigate('/courses')}>
            {t('precheck.findCourses')}
          </Button>
        </Card>
      )}
    </Space>
  );
}
