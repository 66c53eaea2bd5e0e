/** What the hospital, the district officer and the employer do on a case's page. */
import { useState } from 'react';
import { App, Button, Card, Descriptions, Divider, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { client, ok } from '../../lib/api';
import { errorText } from '../../i18n';
import { useProgrammes } from '../../lib/data';
import { OccupationSelect, ReasonModal } from '../common';
import { useOccupationName } from '../../lib/occupation';
import { date } from '../../lib/format';
import { AttachmentUpload } from './ApplyForm';
import { WITHDRAWABLE, type RehabCase } from './shared';

const PROGRAMME_ORDER = ['skill_upgrade', 'social_training', 'enterprise_training', 'apprenticeship'];
const OUTCOMES = ['returned_to_work', 'retraining_recommended', 'further_treatment', 'other'] as const;

/** Runs a call, says "saved" or the refusal in words, then reloads the case. */
function useAct(reload: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (call: () => Promise<unknown>, done?: string): Promise<boolean> => {
    setBusy(true);
    try {
      await call();
      message.success(done ?? t('common.saved'));
      reload();
      return true;
    } catch (e) {
      message.error(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

function DischargeForm({ c, reload }: { c: RehabCase; reload: () => void }) {
  const { t } = useTranslation();
  const { busy, run } = useAct(reload);
  const [form] = Form.useForm<{ outcome: (typeof OUTCOMES)[number]; summary: string; recommendedOccupationCode?: string }>();
  const outcome = Form.useWatch('outcome', form);
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 640 }}
      onFinish={(v) =>
        void run(() =>
          ok(
            client.POST('/api/v1/rehab/cases/{id}/discharge', {
              params: { path: { id: c.id } },
              body: {
                outcome: v.outcome,
                summary: v.summary.trim(),
                ...(v.recommendedOccupationCode ? { recommendedOccupationCode: v.recommendedOccupationCode } : {}),
              },
            }),
          ),
        )
      }
    >
      <Form.Item name="outcome" label={t('rehab.h.outcome')} rules={[{ required: true }]}>
        <Select id="rehab-discharge-outcome" options={OUTCOMES.map((o) => ({ value: o, label: t(`rehab.discharge.${o}`) }))} />
      </Form.Item>
      {outcome === 'retraining_recommended' && (
        <Form.Item name="recommendedOccupationCode" label={t('rehab.h.occupation')} rules={[{ required: true }]}>
          <OccupationSelect id="rehab-discharge-occupation" />
        </Form.Item>
      )}
      <Form.Item name="summary" label={t('rehab.h.summary')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea id="rehab-discharge-summary" rows={3} maxLength={2000} />
      </Form.Item>
      <Button type="primary" danger htmlType="submit" loading={busy} data-testid="rehab-discharge">
        {t('rehab.h.discharge')}
      </Button>
    </Form>
  );
}

export function HospitalPanel({ c, reload }: { c: RehabCase; reload: () => void }) {
  const { t } = useTranslation();
  const { busy, run } = useAct(reload);
  const [noting, setNoting] = useState(false);
  const [extending, setExtending] = useState(false);
  const [days, setDays] = useState<number | null>(14);
  if (c.status === 'placed')
    return (
      <Card size="small" title={t('rehab.h.admit')}>
        <Button
          type="primary"
          loading={busy}
          onClick={() => void run(() => ok(client.POST('/api/v1/rehab/cases/{id}/admit', { params: { path: { id: c.id } }, body: {} })), t('rehab.h.admitted'))}
          data-testid="rehab-admit"
        >
          {t('rehab.h.admit')}
        </Button>
      </Card>
    );
  if (c.status !== 'admitted') return null;
  return (
    <Card size="small" title={t('rehab.status.admitted')}>
      {/* what the ward needs to discharge: since when the patient stays, how long so far, what was planned */}
      <Descriptions size="small" column={4} style={{ marginBottom: 12 }} data-testid="rehab-stay">
        <Descriptions.Item label={t('rehab.h.admittedOn')}>
          <span data-testid="rehab-admitted-on">{c.admittedOn ? date(c.admittedOn) : '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('rehab.h.stayDays')}>
          <span data-testid="rehab-stay-days">{t('rehab.h.dayN', { n: c.stayDays ?? 1 })}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('rehab.case.plannedDays')}>{c.plannedDays ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('rehab.case.plannedLastDay')}>{c.plannedLastDay ? date(c.plannedLastDay) : '—'}</Descriptions.Item>
      </Descriptions>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button onClick={() => setNoting(true)} data-testid="rehab-progress">
          {t('rehab.h.progress')}
        </Button>
        <Button onClick={() => setExtending(true)} disabled={!!c.extensionRequest} data-testid="rehab-extension">
          {t('rehab.h.extension')}
        </Button>
      </Space>
      <Divider orientation="left" orientationMargin={0}>
        {t('rehab.h.discharge')}
      </Divider>
      <DischargeForm c={c} reload={reload} />
      <ReasonModal
        title={t('rehab.h.progress')}
        label={t('rehab.h.progressNote')}
        open={noting}
        onClose={() => setNoting(false)}
        onSubmit={(note) => ok(client.POST('/api/v1/rehab/cases/{id}/progress', { params: { path: { id: c.id } }, body: { note } })).then(reload)}
      />
      <ReasonModal
        title={t('rehab.h.extension')}
        open={extending}
        onClose={() => setExtending(false)}
        extra={
          <Form.Item label={t('rehab.h.extensionDays')}>
            <InputNumber min={1} max={180} value={days} onChange={setDays} id="rehab-extension-days" />
          </Form.Item>
        }
        onSubmit={(reason) =>
          ok(client.POST('/api/v1/rehab/cases/{id}/extension-requests', { params: { path: { id: c.id } }, body: { days: days ?? 0, reason } })).then(reload)
        }
      />
    </Card>
  );
}

/** The district officer's one step after a discharge recommending retraining: a targeted voucher. */
export function VoucherPanel({ c, reload }: { c: RehabCase; reload: () => void }) {
  const { t } = useTranslation();
  // 职业技能提升补贴 first: it subsidises employed and unemployed persons alike (the apprenticeship is the enterprise's)
  const programmes = useProgrammes()
    .filter((p) => p.status === 'open')
    .sort((a, b) => PROGRAMME_ORDER.indexOf(a.type) - PROGRAMME_ORDER.indexOf(b.type));
  const occupationName = useOccupationName(c.recommendedOccupationCode);
  const { busy, run } = useAct(reload);
  if (c.status !== 'discharged' || c.dischargeOutcome !== 'retraining_recommended' || c.voucher) return null;
  return (
    <Card size="small" title={t('rehab.d.issue')} data-testid="rehab-voucher-panel">
      <Typography.Paragraph type="secondary">{t('rehab.d.issueIntro')}</Typography.Paragraph>
      <Form<{ programmeId: string; occupationCode: string; level: number }>
        layout="inline"
        initialValues={{ occupationCode: c.recommendedOccupationCode ?? undefined, level: 5, programmeId: programmes[0]?.id }}
        key={programmes.length}
        onFinish={(v) =>
          void run(() => ok(client.POST('/api/v1/rehab/cases/{id}/retraining-voucher', { params: { path: { id: c.id } }, body: v })), t('rehab.d.issue'))
        }
      >
        <Form.Item name="programmeId" label={t('common.programme')} rules={[{ required: true }]}>
          <Select id="rehab-voucher-programme" style={{ width: 220 }} options={programmes.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="occupationCode" label={t('common.occupation')} rules={[{ required: true }]}>
          <OccupationSelect
            id="rehab-voucher-occupation"
            initial={
              c.recommendedOccupationCode ? { value: c.recommendedOccupationCode, label: `${c.recommendedOccupationCode} ${occupationName ?? ''}` } : undefined
            }
            key={occupationName ?? ''}
          />
        </Form.Item>
        <Form.Item name="level" label={t('common.level')} rules={[{ required: true }]}>
          <Select style={{ width: 140 }} options={[5, 4, 3, 2, 1].map((l) => ({ value: l, label: t(`level.${l}`) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="rehab-issue-voucher">
          {t('rehab.d.issue')}
        </Button>
      </Form>
    </Card>
  );
}

/** The employer on its employee's case: add files, withdraw while undecided. */
export function EmployerPanel({ c, reload }: { c: RehabCase; reload: () => void }) {
  const { t } = useTranslation();
  const [withdrawing, setWithdrawing] = useState(false);
  if (!WITHDRAWABLE.includes(c.status)) return null;
  return (
    <Card size="small">
      <Space wrap>
        <AttachmentUpload caseId={c.id} onUploaded={reload} />
        <Button danger onClick={() => setWithdrawing(true)} data-testid="rehab-withdraw">
          {t('rehab.w.withdraw')}
        </Button>
      </Space>
      <ReasonModal
        title={t('rehab.w.withdraw')}
        label={t('rehab.w.withdrawReason')}
        open={withdrawing}
        onClose={() => setWithdrawing(false)}
        onSubmit={(reason) => ok(client.POST('/api/v1/rehab/cases/{id}/withdraw', { params: { path: { id: c.id } }, body: { reason } })).then(reload)}
      />
    </Card>
  );
}
