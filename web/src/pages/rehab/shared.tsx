/** What the rehabilitation pages share: the API's shapes, labels in words, the case's timeline and its facts. */
import { Alert, Descriptions, List, Tag, Timeline, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, client, download, ok, type Schemas } from '../../lib/api';
import i18n, { errorText } from '../../i18n';
import { useCached } from '../../lib/data';
import { date, dateTime } from '../../lib/format';
import { OccupationLabel } from '../../lib/occupation';

export type RehabCase = Schemas['RehabCase'];
export type RehabCaseItem = Schemas['RehabCaseListItem'];
export type Recognition = Schemas['InjuryRecognition'];
export type Hospital = Schemas['RehabHospital'];
export type Reason = Schemas['RehabReason'];
export type Review = Schemas['RehabCaseReview'];

export const CONDITIONS = [
  'brain_injury',
  'fracture',
  'spinal_cord_injury',
  'hand_injury',
  'amputation',
  'joint_soft_tissue',
  'burn',
  'peripheral_nerve',
  'vegetative_state',
] as const;

export const CASE_STATES = ['awaiting_worker', 'submitted', 'material_requested', 'placed', 'admitted', 'discharged', 'refused', 'withdrawn'] as const;

/** Cases a worker or employer may still withdraw (not yet decided). */
export const WITHDRAWABLE = ['awaiting_worker', 'submitted', 'material_requested'];

export const useHospitals = (): Hospital[] =>
  useCached('rehab-hospitals', () => ok(client.GET('/api/v1/rehab/hospitals')).then((r) => r.items), [] as Hospital[]);

export function conditionName(t: TFunction, code: string | null | undefined): string {
  if (!code) return t('rehab.condition.none');
  return t(`rehab.condition.${code}`, { defaultValue: t('rehab.condition.none') });
}

export const conditionOptions = (t: TFunction) => CONDITIONS.map((c) => ({ value: c, label: t(`rehab.condition.${c}`) }));

const STATUS_COLOR: Record<string, string> = {
  awaiting_worker: 'orange',
  submitted: 'blue',
  material_requested: 'gold',
  placed: 'cyan',
  admitted: 'geekblue',
  discharged: 'green',
  refused: 'red',
  withdrawn: 'default',
};

export function CaseStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} data-status={status} data-testid="rehab-status">
      {t(`rehab.status.${status}`, { defaultValue: t('common.status') })}
    </Tag>
  );
}

/** A refusal in words; an eligibility refusal (REHAB_NOT_ELIGIBLE) names each reason. */
export function rehabErrorText(e: unknown): string {
  const base = errorText(e);
  if (!(e instanceof ApiError) || !Array.isArray(e.extra?.reasons)) return base;
  return `${base}${(e.extra.reasons as Reason[]).map((r) => (i18n.language === 'en' ? r.en : r.zh)).join('')}`;
}

/** An eligibility reason in the screen's language, with its dates. */
export function reasonText(t: TFunction, lang: string, r: Reason): string {
  return lang === 'en' ? r.en : r.zh;
}

/** The eligibility of a recognition: a green line, or each reason why not, in words. */
export function EligibilityView({ e }: { e: Recognition['eligibility'] }) {
  const { t, i18n } = useTranslation();
  if (e.eligible)
    return (
      <Typography.Text type="success" data-testid="rehab-eligible">
        <CheckCircleTwoTone twoToneColor="#52c41a" /> {t('rehab.eligible')} <span className="page-note">{t('rehab.asOf', { date: date(e.asOf) })}</span>
      </Typography.Text>
    );
  return (
    <div data-testid="rehab-not-eligible">
      <Typography.Text type="danger">
        <CloseCircleTwoTone twoToneColor="#ff4d4f" /> {t('rehab.notEligible')}
      </Typography.Text>
      <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
        {e.reasons.map((r) => (
          <li key={r.code} data-testid="rehab-reason" data-code={r.code}>
            {reasonText(t, i18n.language, r)}
            {r.params.start && r.params.end && (
              <span className="page-note">
                {' '}
                {t('rehab.reasonDates', { start: date(r.params.start), end: date(r.params.end), today: date(r.params.today ?? e.asOf) })}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The case's steps with their dates (Shanghai), oldest first. */
export function CaseTimeline({ c }: { c: RehabCase }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="rehab-timeline"
      items={c.timeline.map((e) => ({
        children: (
          <div data-testid="rehab-event" data-kind={e.kind}>
            <Typography.Text>{t(`rehab.tl.${e.kind}`)}</Typography.Text>
            {e.byRole && <span className="page-note">{t('rehab.byRole', { role: t(`role.${e.byRole}`) })}</span>}
            <div className="page-note">{dateTime(e.at)}</div>
            {e.note && <div className="page-note">{e.note}</div>}
          </div>
        ),
      }))}
    />
  );
}

/** The files of a case: each opens (downloads) through the API, in scope. */
export function Attachments({ c }: { c: RehabCase }) {
  const { t } = useTranslation();
  if (!c.attachments.length) return <Typography.Text type="secondary">{t('rehab.case.noAttachments')}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={c.attachments}
      renderItem={(a) => (
        <List.Item data-testid="rehab-attachment">
          <a
            className="rehab-file-link"
            onClick={() =>
              void download('/api/v1/rehab/cases/{id}/attachments/{attachmentId}', { path: { id: c.id, attachmentId: a.id } }, a.fileName).catch(
                () => undefined,
              )
            }
          >
            <PaperClipOutlined /> {a.fileName}
          </a>
          <span className="page-note">{Math.max(1, Math.round(a.sizeBytes / 1024))} KB</span>
        </List.Item>
      )}
    />
  );
}

/** The committee's decisions, newest last, with their numbers. */
export function Decisions({ c }: { c: RehabCase }) {
  const { t } = useTranslation();
  if (!c.decisions.length) return null;
  return (
    <List
      size="small"
      dataSource={c.decisions}
      renderItem={(d) => (
        <List.Item data-testid="rehab-decision">
          <div>
            <Typography.Text strong data-testid="rehab-decision-number">
              {d.number}
            </Typography.Text>{' '}
            <Tag>{t(`rehab.outcome.${d.outcome}`)}</Tag>
            {d.supersededById && <Tag color="default">{t('rehab.case.superseded')}</Tag>}
            <div className="page-note">
              {dateTime(d.decidedAt)}
              {d.hospitalName ? ` · ${d.hospitalName}` : ''}
              {d.plannedDays ? ` · ${t('rehab.case.plannedDays')} ${d.plannedDays}` : ''}
              {d.refusalReason ? ` · ${t(`rehab.refusal.${d.refusalReason}`)}` : ''}
            </div>
            {d.reason && <div className="page-note">{d.reason}</div>}
          </div>
        </List.Item>
      )}
    />
  );
}

/** The facts of a case as label–value lines (one column on a phone, two on a desk). */
export function CaseFacts({ c, columns = 2 }: { c: RehabCase; columns?: number }) {
  const { t } = useTranslation();
  return (
    // on a phone a long label (治疗医院出具的病情摘要) wraps in its own narrow column, leaving the value the width
    <Descriptions column={columns} size="small" bordered={columns > 1} styles={columns === 1 ? { label: { maxWidth: '7em' } } : undefined}>
      <Descriptions.Item label={t('rehab.case.status')}>
        <CaseStatusTag status={c.status} />
      </Descriptions.Item>
      <Descriptions.Item label={t('rehab.case.person')}>
        {c.personName} {c.idNumber}
      </Descriptions.Item>
      <Descriptions.Item label={t('rehab.case.number')}>{c.recognitionNumber}</Descriptions.Item>
      <Descriptions.Item label={t('rehab.rec.employer')}>{c.employerName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('rehab.case.condition')}>{conditionName(t, c.conditionCode)}</Descriptions.Item>
      <Descriptions.Item label={t('rehab.case.appliedBy')}>
        {t(`rehab.case.appliedBy.${c.appliedBy}`)} · {dateTime(c.appliedAt)}
      </Descriptions.Item>
      <Descriptions.Item label={t('rehab.case.summary')} span={columns}>
        {c.treatmentSummary}
      </Descriptions.Item>
      <Descriptions.Item label={t('rehab.case.homeAddress')} span={columns}>
        {c.homeAddress}
      </Descriptions.Item>
      <Descriptions.Item label={t('rehab.case.preferences')} span={columns}>
        <ol style={{ margin: 0, paddingLeft: 20 }}>
          {c.preferences.map((p) => (
            <li key={p.rank} data-testid="rehab-preference">
              {p.hospitalName}
              {p.reason && <span className="page-note"> — {p.reason}</span>}
            </li>
          ))}
        </ol>
      </Descriptions.Item>
      {c.hospitalName && <Descriptions.Item label={t('rehab.case.hospital')}>{c.hospitalName}</Descriptions.Item>}
      {c.plannedDays !== null && <Descriptions.Item label={t('rehab.case.plannedDays')}>{c.plannedDays}</Descriptions.Item>}
      {c.daysToDecision !== null && <Descriptions.Item label={t('rehab.case.daysToDecision')}>{c.daysToDecision}</Descriptions.Item>}
      {c.admittedAt && <Descriptions.Item label={t('rehab.case.admittedAt')}>{dateTime(c.admittedAt)}</Descriptions.Item>}
      {c.plannedLastDay && <Descriptions.Item label={t('rehab.case.plannedLastDay')}>{date(c.plannedLastDay)}</Descriptions.Item>}
      {c.dischargedAt && <Descriptions.Item label={t('rehab.case.dischargedAt')}>{dateTime(c.dischargedAt)}</Descriptions.Item>}
      {c.dischargeOutcome && (
        <Descriptions.Item label={t('rehab.case.dischargeOutcome')}>
          <span data-testid="rehab-discharge-outcome">{t(`rehab.discharge.${c.dischargeOutcome}`)}</span>
        </Descriptions.Item>
      )}
      {c.dischargeSummary && (
        <Descriptions.Item label={t('rehab.case.dischargeSummary')} span={columns}>
          {c.dischargeSummary}
        </Descriptions.Item>
      )}
      {c.recommendedOccupationCode && (
        <Descriptions.Item label={t('rehab.case.recommendedOccupation')}>
          <OccupationLabel code={c.recommendedOccupationCode} />
        </Descriptions.Item>
      )}
      {c.voucher && (
        <Descriptions.Item label={t('rehab.case.voucher')}>
          <span data-testid="rehab-voucher-number">{c.voucher.number}</span>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** The hospital's pending extension request, as a notice. */
export function ExtensionNotice({ c }: { c: RehabCase }) {
  const { t } = useTranslation();
  if (!c.extensionRequest) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="rehab-extension-request"
      message={t('rehab.case.extensionRequest', { days: c.extensionRequest.days, reason: c.extensionRequest.reason })}
    />
  );
}
