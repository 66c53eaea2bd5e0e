/**
 * 工伤康复 on the worker's phone: the recognitions on file with the eligibility named in words (before applying),
 * the application, the cases with their timeline, confirm / withdraw / resubmit, and after a discharge that
 * recommends retraining the issued voucher and the matching classes nearest home.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { appealLink } from '../appeals/Worker';
import { ProgressSteps } from '../timeline/Progress';
import { client, ok, type ItemOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { date, fen } from '../../lib/format';
import { navigate } from '../../lib/router';
import { ReasonModal } from '../common';
import { ApplyForm, AttachmentUpload } from './ApplyForm';
import { ServiceRatingPrompt, useMyServiceRatings } from '../worker/ServiceRating';
import {
  Attachments,
  CaseFacts,
  CaseStatusTag,
  CaseTimeline,
  conditionName,
  Decisions,
  EligibilityView,
  rehabErrorText,
  WITHDRAWABLE,
  type Recognition,
  type RehabCase,
  type RehabCaseItem,
} from './shared';

function RecognitionCard({ r, canApply }: { r: Recognition; canApply: boolean }) {
  const { t } = useTranslation();
  return (
    <Card size="small" className="voucher-card" data-testid="rehab-recognition">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
        <div>
          <Typography.Text strong>{r.diagnosis}</Typography.Text>
          <div className="page-note">
            {t('rehab.rec.number')} {r.decisionNumber} · {t(`rehab.kind.${r.kind}`)}
          </div>
        </div>
        <Tag>{conditionName(t, r.conditionCode)}</Tag>
      </Space>
      <div className="page-note" style={{ marginTop: 6 }}>
        {t('rehab.rec.injuryDate')} {date(r.injuryDate)} ·{' '}
        <span data-testid="rehab-rec-decision-date">
          {t('rehab.rec.decisionDate')} {date(r.decisionDate)}
        </span>{' '}
        · {t('rehab.rec.leave')} {date(r.leaveStart)} ~ {date(r.effectiveLeaveEnd)}
      </div>
      <div style={{ marginTop: 8 }}>
        <EligibilityView e={r.eligibility} />
      </div>
      {r.eligibility.eligible && canApply && (
        <Button type="primary" block style={{ marginTop: 8 }} onClick={() => navigate(`/rehab/apply?recognition=${r.id}`)} data-testid="rehab-apply">
          {t('rehab.w.apply')}
        </Button>
      )}
    </Card>
  );
}

export function WorkerRehabPage() {
  const { t } = useTranslation();
  const [recs, setRecs] = useState<Recognition[] | null>(null);
  const [cases, setCases] = useState<RehabCaseItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([
      ok(client.GET('/api/v1/rehab/recognitions', { params: { query: { limit: 50 } } })),
      ok(client.GET('/api/v1/rehab/cases', { params: { query: { limit: 50 } } })),
    ]).then(
      ([r, c]) => {
        setRecs(r.items);
        setCases(c.items);
      },
      (e) => setError(errorText(e)),
    );
  }, []);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!recs || !cases) return <Skeleton active />;
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: '0.8125rem' }}>
        {t('rehab.w.intro')}
      </Typography.Paragraph>
      {cases.length > 0 && (
        <>
          <Typography.Title level={5}>{t('rehab.w.cases')}</Typography.Title>
          {cases.map((c) => (
            <Card key={c.id} size="small" className="voucher-card" hoverable onClick={() => navigate(`/rehab/cases/${c.id}`)} data-testid="rehab-case-card">
              <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                <div>
                  <Typography.Text strong>{conditionName(t, c.conditionCode)}</Typography.Text>
                  <div className="page-note">
                    {c.hospitalName ?? c.recognitionNumber} · {date(c.appliedAt)}
                  </div>
                </div>
                <Space>
                  <CaseStatusTag status={c.status} />
                  <RightOutlined style={{ color: '#bbb' }} />
                </Space>
              </Space>
            </Card>
          ))}
        </>
      )}
      <Typography.Title level={5}>{t('rehab.w.recognitions')}</Typography.Title>
      {recs.length === 0 ? <Empty description={t('rehab.w.noRecognition')} /> : recs.map((r) => <RecognitionCard key={r.id} r={r} canApply />)}
    </>
  );
}

export function WorkerApplyPage() {
  const { t } = useTranslation();
  const id = new URLSearchParams(location.search).get('recognition');
  const [rec, setRec] = useState<Recognition | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<RehabCase | null>(null);
  useEffect(() => {
    if (!id) return setError(t('error.NOT_FOUND'));
    ok(client.GET('/api/v1/rehab/recognitions/{id}', { params: { path: { id } } })).then(setRec, (e) => setError(errorText(e)));
  }, [id, t]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!rec) return <Skeleton active />;
  if (done)
    return (
      <Card className="voucher-card">
        <Result
          status="success"
          title={t('rehab.f.submitted')}
          subTitle={<CaseStatusTag status={done.status} />}
          extra={[
            <Button key="v" type="primary" onClick={() => navigate(`/rehab/cases/${done.id}`)} data-testid="rehab-view-case">
              {t('rehab.case.open')}
            </Button>,
          ]}
        />
        <AttachmentUpload caseId={done.id} onUploaded={() => undefined} />
      </Card>
    );
  return (
    <>
      <RecognitionCard r={rec} canApply={false} />
      <Card className="voucher-card" size="small">
        <ApplyForm recognition={rec} onDone={setDone} compact />
      </Card>
    </>
  );
}

type Course = ItemOf<'/api/v1/course-search'>;

/** The classes for the retraining voucher's occupation and level, nearest to home first. */
function NearClasses({ c }: { c: RehabCase }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Course[] | null>(null);
  const v = c.voucher;
  useEffect(() => {
    if (!v) return;
    // the voucher's occupation and level (the officer chose them), then the classes for them nearest home
    ok(client.GET('/api/v1/vouchers/{id}', { params: { path: { id: v.id } } }))
      .then((voucher) =>
        ok(
          client.GET('/api/v1/course-search', {
            params: {
              query: {
                occupationCode: voucher.occupationCode ?? undefined,
                level: voucher.level ?? undefined,
                sort: 'distance',
                lat: c.homeLocation.lat,
                lng: c.homeLocation.lng,
                coordSystem: 'gcj02',
                limit: 5,
              },
            },
          }),
        ),
      )
      .then(
        (r) => setItems(r.items),
        () => setItems([]),
      );
  }, [v, c.homeLocation]);
  if (!v) return null;
  return (
    <Card size="small" className="voucher-card" title={t('rehab.case.voucher')} data-testid="rehab-voucher">
      <Alert type="success" showIcon message={t('rehab.w.voucherIssued')} style={{ marginBottom: 8 }} />
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <span>
          {t('voucher.number')}
          {t('common.colon')}
          <span data-testid="rehab-voucher-number">{v.number}</span>
        </span>
        <Button size="small" onClick={() => navigate(`/vouchers/${v.id}`)} data-testid="rehab-view-voucher">
          {t('rehab.w.viewVoucher')}
        </Button>
      </Space>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('rehab.w.nearClasses')}
      </Typography.Title>
      {!items && <Skeleton active paragraph={{ rows: 2 }} />}
      {items && items.length === 0 && <Typography.Text type="secondary">{t('rehab.w.noClasses')}</Typography.Text>}
      {items?.map((k) => (
        <div key={k.classId} className="rehab-class" data-testid="rehab-near-class">
          <Typography.Text strong>{k.name}</Typography.Text>
          <div className="page-note">
            {k.providerName} · {date(k.startDate)} ~ {date(k.endDate)} · {t('course.fee')} {fen(k.feeFen)}
            {k.distanceM !== null ? ` · ${t('rehab.w.km', { km: (k.distanceM / 1000).toFixed(1) })}` : ''}
          </div>
        </div>
      ))}
      <Button block style={{ marginTop: 8 }} onClick={() => navigate('/courses')}>
        {t('rehab.w.allCourses')}
      </Button>
    </Card>
  );
}

/** 好差评: a closed case (discharged, or refused) is rated once. */
function RehabServiceRating({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const served = useMyServiceRatings();
  if (!served.ratings) return null;
  return (
    <div style={{ marginBottom: 12 }}>
      <ServiceRatingPrompt
        kind="rehab_case"
        objectId={caseId}
        prompt={t('rating.service.rehab')}
        rated={served.ratings.find((r) => r.kind === 'rehab_case' && r.objectId === caseId)}
        onRated={served.add}
      />
    </div>
  );
}

function WorkerActions({ c, reload }: { c: RehabCase; reload: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [withdrawing, setWithdrawing] = useState(false);
  const [resubmitting, setResubmitting] = useState(false);
  const confirm = async () => {
    try {
      await ok(client.POST('/api/v1/rehab/cases/{id}/confirm', { params: { path: { id: c.id } }, body: {} }));
      message.success(t('rehab.w.confirmed'));
      reload();
    } catch (e) {
      message.error(rehabErrorText(e));
    }
  };
  return (
    <>
      {c.status === 'awaiting_worker' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('rehab.w.confirmNeeded')}
          action={
            <Button type="primary" size="small" onClick={() => void confirm()} data-testid="rehab-confirm">
              {t('rehab.w.confirm')}
            </Button>
          }
        />
      )}
      {(c.status === 'discharged' || c.status === 'refused') && <RehabServiceRating caseId={c.id} />}
      {c.status === 'placed' && c.hospitalName && (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} message={t('rehab.w.placedAt', { hospital: c.hospitalName, days: c.plannedDays ?? '' })} />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        {WITHDRAWABLE.includes(c.status) && <AttachmentUpload caseId={c.id} onUploaded={reload} />}
        {/* a refusal may be appealed (申诉) */}
        {c.status === 'refused' && (
          <Button onClick={() => navigate(appealLink('rehab_refusal', c.id))} data-testid="rehab-appeal">
            {t('appeals.button')}
          </Button>
        )}
        {c.status === 'material_requested' && (
          <Button type="primary" onClick={() => setResubmitting(true)} data-testid="rehab-resubmit">
            {t('rehab.w.resubmit')}
          </Button>
        )}
        {WITHDRAWABLE.includes(c.status) && (
          <Button danger onClick={() => setWithdrawing(true)} data-testid="rehab-withdraw">
            {t('rehab.w.withdraw')}
          </Button>
        )}
      </Space>
      <ReasonModal
        title={t('rehab.w.withdraw')}
        label={t('rehab.w.withdrawReason')}
        open={withdrawing}
        onClose={() => setWithdrawing(false)}
        onSubmit={(reason) => ok(client.POST('/api/v1/rehab/cases/{id}/withdraw', { params: { path: { id: c.id } }, body: { reason } })).then(reload)}
      />
      <ReasonModal
        title={t('rehab.w.resubmit')}
        label={t('rehab.w.resubmitNote')}
        open={resubmitting}
        onClose={() => setResubmitting(false)}
        onSubmit={(note) => ok(client.POST('/api/v1/rehab/cases/{id}/resubmit', { params: { path: { id: c.id } }, body: { note } })).then(reload)}
      />
    </>
  );
}

export function useRehabCase(id: string) {
  const [c, setC] = useState<RehabCase | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    ok(client.GET('/api/v1/rehab/cases/{id}', { params: { path: { id } } })).then(setC, (e) => setError(errorText(e)));
  }, [id]);
  useEffect(reload, [reload]);
  return { c, error, reload };
}

export function WorkerCasePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { c, error, reload } = useRehabCase(id);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!c) return <Skeleton active />;
  return (
    <>
      <WorkerActions c={c} reload={reload} />
      <NearClasses c={c} />
      <Card size="small" className="voucher-card" title={t('tl.title')} data-testid="rehab-steps">
        <ProgressSteps kind="rehab" id={c.id} version={`${c.status}:${c.timeline.length}`} />
      </Card>
      <Card size="small" className="voucher-card">
        <CaseFacts c={c} columns={1} />
      </Card>
      {c.decisions.length > 0 && (
        <Card size="small" className="voucher-card" title={t('rehab.case.decisions')}>
          <Decisions c={c} />
        </Card>
      )}
      <Card size="small" className="voucher-card" title={t('rehab.case.attachments')}>
        <Attachments c={c} />
      </Card>
      <Card size="small" className="voucher-card" title={t('rehab.case.timeline')}>
        <CaseTimeline c={c} />
      </Card>
    </>
  );
}
