/**
 * The committee's screen on a case: the eligibility check, the worker's wishes, each designated hospital's free
 * beds / whether it takes the condition / distance from home, the system's proposal — and the decision (place,
 * ask for material, refuse; on a stay: extend or not). The decision number is shown once decided.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Radio, Select, Table, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { client, ok } from '../../lib/api';
import { errorText } from '../../i18n';
import { districtName, useDistricts } from '../../lib/data';
import { date } from '../../lib/format';
import { useSession } from '../../lib/session';
import { conditionName, EligibilityView, rehabErrorText, type RehabCase, type Review } from './shared';

type Row = Review['hospitals'][number];
type Outcome = RehabCase['decisions'][number]['outcome'];
const REFUSALS = ['not_eligible', 'not_needed', 'medically_unstable', 'material_insufficient', 'other'] as const;

/** What the committee may decide on a case in its present state. */
function outcomesFor(c: RehabCase): Outcome[] {
  if (c.status === 'submitted') return ['place', 'request_material', 'refuse'];
  if (c.status === 'placed' || c.status === 'refused') return ['place', 'refuse'];
  if (c.status === 'admitted' && c.extensionRequest) return ['extend', 'refuse_extension'];
  return [];
}

function proposalText(t: TFunction, r: Review): string {
  const p = r.proposal;
  if (!p) return t('rehab.c.noProposal');
  const basis = p.basis === 'preference' ? t('rehab.c.basis.preference', { n: p.preferenceRank ?? '' }) : t('rehab.c.basis.nearest');
  return t('rehab.c.proposal', { hospital: p.hospitalName, basis });
}

/** Short columns (district, beds, distance) stay on one line; the speciality column takes what is left. */
const NOWRAP = { onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }), onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }) };

function HospitalTable({ review }: { review: Review }) {
  const { t } = useTranslation();
  const districts = useDistricts();
  return (
    <Table<Row>
      size="small"
      rowKey="hospitalId"
      pagination={false}
      dataSource={review.hospitals}
      data-testid="rehab-review-hospitals"
      rowClassName={(h) => (h.hospitalId === review.proposal?.hospitalId ? 'rehab-proposed' : '')}
      columns={[
        {
          title: t('rehab.c.hospital'),
          render: (_, h) => (
            <>
              {h.name} {h.hospitalId === review.proposal?.hospitalId && <Tag color="blue">{t('rehab.c.proposed')}</Tag>}
            </>
          ),
        },
        { title: t('common.district'), ...NOWRAP, render: (_, h) => districtName(districts, h.districtCode) },
        {
          title: t('rehab.c.preference'),
          render: (_, h) =>
            h.preferenceRank ? (
              <>
                <Tag color="geekblue">{t('rehab.c.preferenceN', { n: h.preferenceRank })}</Tag>
                <span className="page-note">{h.preferenceReason}</span>
              </>
            ) : (
              '—'
            ),
        },
        {
          title: t('rehab.c.takes'),
          ...NOWRAP,
          render: (_, h) => (h.takesCondition ? <CheckOutlined style={{ color: '#52c41a' }} /> : <CloseOutlined style={{ color: '#ff4d4f' }} />),
        },
        {
          title: t('rehab.c.speciality'),
          render: (_, h) => (
            <span className="page-note" data-testid="rehab-hospital-speciality">
              {h.conditions.length === 9 ? t('rehab.c.allConditions') : h.conditions.map((x) => conditionName(t, x)).join('、') || '—'}
            </span>
          ),
        },
        {
          title: t('rehab.c.freeBeds'),
          align: 'right',
          ...NOWRAP,
          render: (_, h) => <span data-testid="rehab-hospital-beds">{`${h.freeBeds} / ${h.beds}`}</span>,
        },
        { title: t('rehab.c.distance'), align: 'right', ...NOWRAP, render: (_, h) => t('rehab.w.km', { km: h.distanceKm.toFixed(1) }) },
      ]}
    />
  );
}

/** What the committee decides on: the injury as recognised, when, and the leave period the application fell in. */
function RecognitionFacts({ review }: { review: Review }) {
  const { t } = useTranslation();
  const r = review.recognition;
  return (
    <Descriptions size="small" column={3} bordered data-testid="rehab-review-recognition" style={{ marginBottom: 12 }}>
      <Descriptions.Item label={t('rehab.rec.diagnosis')} span={3}>
        {r.diagnosis}
      </Descriptions.Item>
      <Descriptions.Item label={t('rehab.rec.injuryDate')}>{date(r.injuryDate)}</Descriptions.Item>
      <Descriptions.Item label={t('rehab.rec.decisionDate')}>
        <span data-testid="rehab-review-decision-date">{date(r.decisionDate)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('rehab.rec.kind')}>
        {t(`rehab.kind.${r.kind}`)}
        {r.status !== 'final' && (
          <Tag color="red" style={{ marginInlineStart: 8 }}>
            {t(`rehab.recStatus.${r.status}`)}
          </Tag>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('rehab.rec.number')}>{r.decisionNumber}</Descriptions.Item>
      <Descriptions.Item label={t('rehab.rec.leave')} span={2}>
        {t('rehab.c.leave', { start: date(r.leaveStart), end: date(r.leaveEnd) })}
      </Descriptions.Item>
    </Descriptions>
  );
}

interface DecideValues {
  outcome: Outcome;
  hospitalId?: string;
  plannedDays?: number;
  extraDays?: number;
  refusalReason?: (typeof REFUSALS)[number];
  reason: string;
}

function DecideForm({ c, review, onDecided }: { c: RehabCase; review: Review; onDecided: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DecideValues>();
  const outcome = Form.useWatch('outcome', form);
  const [busy, setBusy] = useState(false);
  // a placement needs the application eligible on its submission day (the server refuses it otherwise)
  const outcomes = outcomesFor(c).filter((o) => o !== 'place' || review.eligibility.eligible);
  const current = [...c.decisions].reverse().find((d) => !d.supersededById && (d.outcome === 'place' || d.outcome === 'refuse'));
  const supersedes = c.status === 'placed' || c.status === 'refused' ? current : undefined;
  const [changing, setChanging] = useState(false);
  if (!outcomes.length) return null;
  // a decided case shows its decision; changing it (superseding) is a deliberate second step
  if (supersedes && !changing)
    return (
      <Button onClick={() => setChanging(true)} data-testid="rehab-supersede">
        {t('rehab.c.supersede', { number: supersedes.number })}
      </Button>
    );
  const submit = async (v: DecideValues) => {
    setBusy(true);
    try {
      await ok(
        client.POST('/api/v1/rehab/cases/{id}/decisions', {
          params: { path: { id: c.id } },
          body: {
            outcome: v.outcome,
            reason: v.reason.trim(),
            ...(v.outcome === 'place' ? { hospitalId: v.hospitalId, plannedDays: v.plannedDays } : {}),
            ...(v.outcome === 'refuse' ? { refusalReason: v.refusalReason } : {}),
            ...(v.outcome === 'extend' ? { extraDays: v.extraDays ?? c.extensionRequest?.days } : {}),
            ...(supersedes ? { supersedesDecisionId: supersedes.id } : {}),
          },
        }),
      );
      setChanging(false);
      form.resetFields();
      onDecided();
    } catch (e) {
      message.error(rehabErrorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<DecideValues>
      form={form}
      layout="vertical"
      style={{ maxWidth: 640 }}
      initialValues={{ outcome: outcomes[0], hospitalId: review.proposal?.hospitalId, plannedDays: 28, extraDays: c.extensionRequest?.days }}
      onFinish={(v) => void submit(v)}
      data-testid="rehab-decide-form"
    >
      {supersedes && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('rehab.c.supersede', { number: supersedes.number })} />}
      <Form.Item name="outcome" label={t('rehab.c.outcome')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid" options={outcomes.map((o) => ({ value: o, label: t(`rehab.outcome.${o}`) }))} />
      </Form.Item>
      {outcome === 'place' && (
        <>
          <Form.Item name="hospitalId" label={t('rehab.case.hospital')} rules={[{ required: true }]}>
            <Select
              id="rehab-decide-hospital"
              options={review.hospitals.map((h) => ({
                value: h.hospitalId,
                label: `${h.name}（${h.takesCondition ? t('rehab.f.takes') : t('rehab.f.notTakes')} · ${t('rehab.f.freeBeds', { n: h.freeBeds })}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="plannedDays" label={t('rehab.case.plannedDays')} rules={[{ required: true }]}>
            <InputNumber id="rehab-decide-days" min={1} max={180} />
          </Form.Item>
        </>
      )}
      {outcome === 'refuse' && (
        <Form.Item name="refusalReason" label={t('rehab.c.refusalReason')} rules={[{ required: true }]}>
          <Select options={REFUSALS.map((r) => ({ value: r, label: t(`rehab.refusal.${r}`) }))} />
        </Form.Item>
      )}
      {outcome === 'extend' && (
        <Form.Item name="extraDays" label={t('rehab.c.extraDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={180} />
        </Form.Item>
      )}
      <Form.Item name="reason" label={t('rehab.c.reason')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea id="rehab-decide-reason" rows={3} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="rehab-decide">
        {t('rehab.c.decide')}
      </Button>
    </Form>
  );
}

export function CommitteePanel({ c, onDecided }: { c: RehabCase; onDecided: () => void }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [review, setReview] = useState<Review | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [decided, setDecided] = useState<string | null>(null);
  useEffect(() => {
    ok(client.GET('/api/v1/rehab/cases/{id}/review', { params: { path: { id: c.id } } })).then(setReview, (e) => setError(errorText(e)));
  }, [c]);
  const latest = c.decisions[c.decisions.length - 1];
  return (
    <Card size="small" title={t('rehab.c.review')} data-testid="rehab-review">
      {decided && latest && (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="rehab-decided" message={t('rehab.c.decided', { number: latest.number })} />
      )}
      {error && <Alert type="error" showIcon message={error} />}
      {review && (
        <>
          <Typography.Paragraph data-testid="rehab-review-summary">
            <Tag color="geekblue">{conditionName(t, c.conditionCode)}</Tag> {c.treatmentSummary}
            <span className="page-note">
              {' '}
              · {t('rehab.case.attachments')} {c.attachments.length}
            </span>
          </Typography.Paragraph>
          <RecognitionFacts review={review} />
          <Typography.Title level={5}>{t('rehab.c.eligibility')}</Typography.Title>
          <EligibilityView e={review.eligibility} />
          <div className="page-note">{t('rehab.c.eligibilityNote')}</div>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('rehab.c.hospitals')}
          </Typography.Title>
          <Alert
            type={review.proposal ? 'info' : 'warning'}
            showIcon
            style={{ marginBottom: 8 }}
            message={proposalText(t, review)}
            data-testid="rehab-proposal"
          />
          <HospitalTable review={review} />
          {me.role === 'committee' && (
            <div style={{ marginTop: 16 }}>
              <DecideForm
                c={c}
                review={review}
                onDecided={() => {
                  setDecided(String(Date.now()));
                  onDecided();
                }}
              />
            </div>
          )}
        </>
      )}
    </Card>
  );
}
