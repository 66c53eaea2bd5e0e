/** What the appellant and the officer both see of an appeal: the original decision, the text, the files, the answer and what changed. */
import { Descriptions, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { download, type ResponseOf } from '../../lib/api';
import { date, dateTime } from '../../lib/format';
import { StatusTag } from '../../lib/ui';

export type Appeal = ResponseOf<'/api/v1/appeals/{id}'>;

const DEADLINE_COLORS: Record<Appeal['deadline'], string> = { ok: 'blue', near: 'orange', overdue: 'red', met: 'green', missed: 'volcano' };
const STATE_COLORS: Record<Appeal['state'], string> = { submitted: 'blue', in_progress: 'processing', answered: 'gold', closed: 'default' };

export function AppealStateTag({ a }: { a: Pick<Appeal, 'state' | 'outcome'> }) {
  const { t } = useTranslation();
  return (
    <Tag color={a.outcome === 'overturned' ? 'green' : STATE_COLORS[a.state]} data-testid="appeal-state" data-state={a.state}>
      {t(`appeals.state.${a.state}`)}
      {a.outcome ? ` · ${t(`appeals.outcome.${a.outcome}`)}` : ''}
    </Tag>
  );
}

export function DeadlineTag({ a }: { a: Pick<Appeal, 'deadline' | 'dueOn' | 'dueProvisional'> }) {
  const { t } = useTranslation();
  return (
    <Tag color={DEADLINE_COLORS[a.deadline]} data-testid="appeal-deadline" data-deadline={a.deadline}>
      {t('appeals.dueOn')} {date(a.dueOn)}
      {a.dueProvisional ? t('appeals.provisional') : ''} · {t(`appeals.deadline.${a.deadline}`)}
    </Tag>
  );
}

/** The object's state now in words of its kind (falling back to the platform's status labels). */
export function ObjectStatus({ a }: { a: Pick<Appeal, 'kind' | 'objectStatus'> }) {
  const { t, i18n } = useTranslation();
  if (!a.objectStatus) return <>—</>;
  const key = `appeals.obj.${a.kind}.${a.objectStatus}`;
  return i18n.exists(key) ? <Tag data-testid="appeal-object-status">{t(key)}</Tag> : <StatusTag status={a.objectStatus} />;
}

/** What the overturn changed, in words. */
export function effectText(t: (k: string, o?: Record<string, unknown>) => string, a: Pick<Appeal, 'effect'>): string | null {
  const e = a.effect;
  if (!e) return null;
  if ('voucherNumber' in e) return t('appeals.effect.voucherNumber', { n: e.voucherNumber, p: e.programmeName });
  const key = Object.keys(e).find((k) => ['claimStatus', 'checkInStatus', 'caseStatus'].includes(k));
  return key ? t(`appeals.effect.${key}`) : null;
}

export function AppealDetails({ a, officer = false }: { a: Appeal; officer?: boolean }) {
  const { t } = useTranslation();
  const reason = a.kind === 'voucher_application' ? t('appeals.decision.voucher_application') : (a.decision.reason ?? t('appeals.noReason'));
  const effect = effectText(t, a);
  return (
    <Descriptions size="small" column={1} bordered data-testid="appeal-details">
      <Descriptions.Item label={t('appeals.number')}>{a.number}</Descriptions.Item>
      <Descriptions.Item label={t('appeals.object')}>
        {t(`appeals.kind.${a.kind}`)}
        {a.objectLabel ? ` · ${a.objectLabel}` : ''}
      </Descriptions.Item>
      {officer && <Descriptions.Item label={t('appeals.person')}>{a.person}</Descriptions.Item>}
      {officer && <Descriptions.Item label={t('appeals.appellant')}>{t(`appeals.appellant.${a.appellantRole}`)}</Descriptions.Item>}
      <Descriptions.Item label={t('appeals.originalReason')}>
        <span data-testid="appeal-original-reason">{reason}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('appeals.originalAt')}>{dateTime(a.decision.at)}</Descriptions.Item>
      <Descriptions.Item label={t('appeals.objectNow')}>
        <ObjectStatus a={a} />
      </Descriptions.Item>
      <Descriptions.Item label={t('appeals.text')}>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="appeal-text">
          {a.text}
        </Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label={t('appeals.attachments')}>
        {a.attachments.length
          ? a.attachments.map((f) => (
              <div key={f.id}>
                <a onClick={() => void download('/api/v1/appeals/{id}/attachments/{attachmentId}', { path: { id: a.id, attachmentId: f.id } }, f.fileName)}>
                  <PaperClipOutlined /> {f.fileName}
                </a>
              </div>
            ))
          : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('appeals.submittedAt')}>{dateTime(a.submittedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('appeals.dueOn')}>
        <DeadlineTag a={a} />
      </Descriptions.Item>
      <Descriptions.Item label={t('appeals.stateLabel')}>
        <AppealStateTag a={a} />
      </Descriptions.Item>
      {a.answer && (
        <Descriptions.Item label={t('appeals.answer')}>
          <span data-testid="appeal-answer">{a.answer}</span>
        </Descriptions.Item>
      )}
      {a.answeredAt && <Descriptions.Item label={t('appeals.answeredAt')}>{dateTime(a.answeredAt)}</Descriptions.Item>}
      {effect && (
        <Descriptions.Item label={t('appeals.effect')}>
          <span data-testid="appeal-effect">{effect}</span>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
