import { useEffect, useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Radio, Space, Table, Tag, Timeline, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, idempotent, ok, type ResponseOf, type Schemas } from '../../lib/api';
import { formQuery, searchForm } from '../../lib/table';
import { searchColumn, useOfficerList } from '../../lib/OfficerList';
import { errorText } from '../../i18n';
import { date, dateTime, fen } from '../../lib/format';
import { districtName, useDistricts, useProgrammes } from '../../lib/data';
import { useSession } from '../../lib/session';
import { ProvisionalTag } from './CalendarYears';
import { StatusTag } from '../../lib/ui';
import { navigate } from '../../lib/router';
import { ProgressSteps } from '../timeline/Progress';
import { OccupationLabel } from '../../lib/occupation';
import { bankReasonText } from '../../lib/bank-reason';

export type Claim = Schemas['SubsidyClaim'];
type ClaimDetail = ResponseOf<'/api/v1/subsidy/claims/{id}'>;

const STATES = ['in_review', 'approved', 'held', 'rejected', 'in_batch', 'paid', 'failed'] satisfies Claim['status'][];

/** A reason code in words: its own text (reason.*), else the rule's (rule.*). */
const reasonText = (t: (k: string, o?: Record<string, unknown>) => string, code: string): string =>
  t(`reason.${code}`, { defaultValue: t(`rule.${code}`, { defaultValue: code }) });

export function ClaimsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const districts = useDistricts();
  const programmes = useProgrammes();
  const ref = useRef<ActionType>(undefined);
  // a to-do on the admins' home links here filtered by a reason code (e.g. ?reason=NO_BUDGET)
  const [reason, setReason] = useState<string | null>(() => new URLSearchParams(location.search).get('reason'));
  // the status the list last loaded with: a queue awaiting a decision says it is worked first come, first served
  const [status, setStatus] = useState<string | null>(null);
  const list = useOfficerList('/api/v1/subsidy/claims', '/api/v1/subsidy/claims/export.xlsx', (params) => {
    const q = formQuery(params);
    setStatus(typeof q.status === 'string' ? q.status : null);
    return { status: q.status, districtCode: q.districtCode, programmeId: q.programmeId, q: q.q, year: q.year, ...(reason ? { reason } : {}) };
  });
  const clearReason = () => {
    setReason(null);
    navigate('/claims', true);
  };
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else ref.current?.reload();
  }, [reason]);
  const [open, setOpen] = useState<string | null>(null);

  const columns: ProColumns<Claim>[] = [
    searchColumn<Claim>(t, t('claim.searchHint')),
    { title: t('claim.number'), dataIndex: 'number', search: false, render: (_, r) => <a onClick={() => setOpen(r.id)}>{r.number}</a> },
    {
      title: t('common.programme'),
      dataIndex: 'programmeId',
      valueType: 'select',
      fieldProps: { options: programmes.map((p) => ({ value: p.id, label: p.name })) },
      render: (_, r) => programmes.find((p) => p.id === r.programmeId)?.name ?? '—',
    },
    { title: t('list.year'), dataIndex: 'year', valueType: 'digit', hideInTable: true, fieldProps: { precision: 0, min: 2000, max: 2100 } },
    {
      title: t('common.occupation'),
      dataIndex: 'occupationCode',
      search: false,
      render: (_, r) => (
        <>
          <OccupationLabel code={r.occupationCode} /> · {t(`level.${r.level}`)}
        </>
      ),
    },
    {
      title: t('common.district'),
      dataIndex: 'districtCode',
      valueType: 'select',
      hideInSearch: me.role === 'district_admin',
      fieldProps: { options: districts.map((d) => ({ value: d.code, label: d.name })) },
      render: (_, r) => districtName(districts, r.districtCode),
    },
    { title: t('claim.payee'), search: false, render: (_, r) => `${r.payee.name ?? '—'} ${r.payee.accountMasked ?? ''}` },
    { title: t('common.amount'), dataIndex: 'amountFen', search: false, align: 'right', render: (_, r) => fen(r.amountFen) },
    {
      title: t('common.status'),
      dataIndex: 'status',
      valueType: 'select',
      // second in the query form, after the search box: the list opens filtered (待审核) and shows it even collapsed
      order: 99,
      // a to-do on the workbench may preset it (?status=failed)
      initialValue: new URLSearchParams(location.search).get('status') ?? 'in_review',
      fieldProps: { options: STATES.map((s) => ({ value: s, label: t(`status.${s}`) })) },
      render: (_, r) => <StatusTag status={r.status} />,
    },
    // when it came in: the officer works the queue oldest first and sees how long one has waited
    {
      title: t('claim.submittedAt'),
      dataIndex: 'createdAt',
      search: false,
      render: (_, r) => (
        <>
          <span style={{ whiteSpace: 'nowrap' }} data-testid="claim-submitted">
            {dateTime(r.createdAt)}
          </span>
          {r.waitingWorkingDays !== null && (
            <div className="page-note" style={{ whiteSpace: 'nowrap' }} data-testid="claim-waiting">
              {r.waitingWorkingDays > 0 ? t('claim.waiting', { n: r.waitingWorkingDays }) : t('claim.waitingToday')}
            </div>
          )}
        </>
      ),
    },
    {
      title: t('claim.failed'),
      search: false,
      render: (_, r) =>
        (r.reasonCodes ?? r.failedRules).map((x) => (
          <Tag key={x} color="orange">
            {reasonText(t, x)}
          </Tag>
        )),
    },
  ];

  return (
    <>
      {reason && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="claims-reason-filter"
          message={t('claim.reasonFilter', { reason: reasonText(t, reason) })}
          action={
            <Button size="small" onClick={clearReason}>
              {t('claim.reasonFilterClear')}
            </Button>
          }
        />
      )}
      {(status === 'in_review' || status === 'held') && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="claims-fifo-note"
          message={t(status === 'held' ? 'claim.fifoNoteHeld' : 'claim.fifoNote')}
        />
      )}
      <ProTable<Claim>
        rowKey="id"
        actionRef={ref}
        headerTitle={t('menu.claims')}
        columns={columns}
        search={searchForm()}
        pagination={{ defaultPageSize: 20 }}
        request={list.request}
        toolBarRender={() => [list.exportButton]}
      />
      <ClaimDrawer id={open} onClose={() => setOpen(null)} onDecided={() => ref.current?.reload()} />
    </>
  );
}

/** The attendance the claim was decided with, in words (its rule's figures; claims made before they were kept: none). */
function attendanceText(t: (k: string, o?: Record<string, unknown>) => string, rules: ClaimDetail['rules']): string | null {
  const v = rules.find((r) => r.rule === 'ATTENDANCE_THRESHOLD')?.values;
  if (v?.attendancePct === undefined || v.thresholdPct === undefined) return null;
  return t('claim.attendanceText', { pct: v.attendancePct, threshold: v.thresholdPct });
}

/** The pass the claim pays for, in words: 合格 · 证书编号 … · 考核日期 … (its rule failed: 未取得证书). */
function assessmentText(t: (k: string, o?: Record<string, unknown>) => string, c: ClaimDetail): string {
  const passed = c.rules.find((r) => r.rule === 'ASSESSMENT_PASSED_WITH_CERTIFICATE')?.passed ?? !!c.context.assessment.certificateNumber;
  const { certificateNumber, passedOn } = c.context.assessment;
  return [
    t(passed ? 'claim.assessmentPassed' : 'claim.assessmentFailed'),
    certificateNumber ? t('claim.certificate', { number: certificateNumber }) : null,
    passedOn ? t('claim.assessedOn', { date: passedOn }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** A claim trail's reason in words: rule codes by their labels, the system's short notes translated. */
function eventReason(t: (k: string, o?: Record<string, unknown>) => string, reason: string): string {
  if (/^[A-Z_]+(,[A-Z_]+)*$/.test(reason))
    return reason
      .split(',')
      .map((x) => t(`rule.${x}`, { defaultValue: x }))
      .join('；');
  let m = /^batch (\S+) cancelled$/.exec(reason);
  if (m) return t('claim.event.batchCancelled', { number: m[1] });
  m = /^batch (\S+)$/.exec(reason);
  if (m) return t('claim.event.batch', { number: m[1] });
  const fixed: Record<string, string> = {
    'bank: booked': 'claim.event.booked',
    objection: 'claim.event.objection',
    'account corrected': 'claim.event.accountCorrected',
  };
  return fixed[reason] ? t(fixed[reason]) : reason;
}

function ClaimDrawer({ id, onClose, onDecided }: { id: string | null; onClose: () => void; onDecided: () => void }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const { me, ops } = useSession();
  const [c, setC] = useState<ClaimDetail | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ decision?: 'approve' | 'reject'; opinion: string; overrideReason?: string }>();
  const decision = Form.useWatch('decision', form);
  const load = (x: string) => ok(client.GET('/api/v1/subsidy/claims/{id}', { params: { path: { id: x } } })).then(setC, (e) => message.error(errorText(e)));
  useEffect(() => {
    setC(null);
    if (id) void load(id);
  }, [id]);
  const canDecide = (me.role === 'city_admin' || me.role === 'district_admin') && c && ['in_review', 'held'].includes(c.status);
  const failed = c ? c.rules.filter((r) => !r.passed) : [];
  const failedText = failed.map((r) => t(`rule.${r.rule}`, { defaultValue: r.rule })).join('；');
  const send = async (v: { decision: 'approve' | 'reject'; opinion: string; overrideReason?: string }) => {
    if (!c) return;
    setBusy(true);
    try {
      await client.POST('/api/v1/subsidy/claims/{id}/decision', {
        params: { path: { id: c.id } },
        body: {
          decision: v.decision,
          opinion: v.opinion.trim(),
          ...(v.decision === 'approve' && failed.length ? { overrideReason: (v.overrideReason ?? '').trim() } : {}),
        },
        headers: idempotent(),
      });
      message.success(t('common.saved'));
      await load(c.id);
      onDecided();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  // approving despite a failed rule: a reason, then a second confirmation naming the rules and the amount
  const decide = (v: { decision?: 'approve' | 'reject'; opinion: string; overrideReason?: string }) => {
    if (!c || !v.decision) return;
    const d = v.decision;
    if (d === 'approve' && failed.length) {
      modal.confirm({
        title: t('claim.overrideConfirmTitle'),
        content: t('claim.overrideConfirm', { rules: failedText, amount: fen(c.amountFen) }),
        okText: t('claim.overrideConfirmOk'),
        cancelText: t('common.cancel'),
        okButtonProps: { danger: true, ...({ 'data-testid': 'override-confirm' } as object) },
        onOk: () => send({ ...v, decision: d }),
      });
      return;
    }
    void send({ ...v, decision: d });
  };
  const english = i18n.language.startsWith('en');
  const bankReason = (r: string) => bankReasonText(t, r, english);
  // 支付失败再申请: once the payee's account is corrected, the claim goes back to the payable queue — confirmed first,
  // naming the amount, the account the bank returned and why
  const requeue = () => {
    if (!c) return;
    modal.confirm({
      title: t('claim.requeueConfirmTitle', { number: c.number }),
      content: t('claim.requeueConfirm', {
        amount: fen(c.amountFen),
        account: c.payee.accountMasked ?? '—',
        reason: c.failReason ? bankReason(c.failReason) : '—',
      }),
      okText: t('claim.requeue'),
      cancelText: t('common.cancel'),
      okButtonProps: { ...({ 'data-testid': 'requeue-confirm' } as object) },
      onOk: async () => {
        try {
          const out = await ok(client.POST('/api/v1/subsidy/claims/{id}/requeue', { params: { path: { id: c.id } }, headers: idempotent() }));
          message.success(t('claim.requeued', { account: out.payee.accountMasked ?? '—' }));
          await load(c.id);
          onDecided();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  };
  return (
    <Drawer open={!!id} onClose={onClose} width={680} title={c ? `${t('claim.number')} ${c.number}` : ''} destroyOnHidden>
      {c && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions size="small" column={1} bordered data-testid="claim-context" title={t('claim.whoWhat')}>
            <Descriptions.Item label={t('claim.person')}>
              {c.context.person ? `${c.context.person.nameMasked} · ${c.context.person.idMasked}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('common.programme')}>{c.context.programmeName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('common.occupation')}>
              {c.context.occupationName ?? c.occupationCode} · {t(`level.${c.level}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('claim.class')}>
              {c.context.class
                ? `${c.context.class.name} · ${c.context.class.providerName ?? '—'} · ${c.context.class.startDate} ~ ${c.context.class.endDate}`
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('claim.attendance')}>
              <span data-testid="claim-attendance">{attendanceText(t, c.rules) ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('claim.assessment')}>
              <span data-testid="claim-assessment">{assessmentText(t, c)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('claim.limits')}>
              <span data-testid="claim-limits">
                {t('claim.limitsText', { year: c.context.limits.year, counted: c.context.limits.counted, max: c.context.limits.max })}
                {c.context.limits.student && t('claim.limitsStudent')}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('claim.formula')}>
              <span data-testid="claim-formula">
                {t(c.apprenticeshipMonths !== null ? 'claim.formulaMonths' : c.upliftPct ? 'claim.formulaUplift' : 'claim.formulaText', {
                  months: c.apprenticeshipMonths,
                  standard: fen(c.standardFen),
                  uplift: 100 + c.upliftPct,
                  ratio: c.ratioPct,
                  amount: fen(c.amountFen),
                  fee: fen(c.feeFen),
                })}
              </span>
            </Descriptions.Item>
          </Descriptions>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('common.status')}>
              <StatusTag status={c.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('common.amount')}>
              <Typography.Text strong>{fen(c.amountFen)}</Typography.Text>
            </Descriptions.Item>
            {/* standard, ratio and fee are in the calculation line above (claim-formula); not repeated here */}
            <Descriptions.Item label={t('claim.payee')}>
              {t(`payee.${c.payee.kind}`, { defaultValue: c.payee.kind })} · {c.payee.name ?? '—'} {c.payee.bankName ?? ''} {c.payee.accountMasked ?? ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('claim.notice')}>
              {c.notice.lastDay ? `${date(c.notice.publishedAt)} ~ ${date(c.notice.lastDay)}` : '—'}
              {c.notice.lastDay && c.notice.lastDayProvisional && <ProvisionalTag />}
            </Descriptions.Item>
            <Descriptions.Item label={t('claim.decision')}>{c.decision.opinion ? `${c.decision.opinion} (${dateTime(c.decision.at)})` : '—'}</Descriptions.Item>
            {c.decision.overrideReason && (
              <Descriptions.Item label={t('claim.overrideShown')} span={2}>
                {c.decision.overrideReason}
              </Descriptions.Item>
            )}
            {c.failReason && (
              <Descriptions.Item label={t('claim.failReason')}>
                <span data-testid="claim-fail-reason">{bankReason(c.failReason)}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
          {c.status === 'failed' && ops.has('requeueClaim') && (
            <Alert
              type="warning"
              showIcon
              data-testid="claim-requeue"
              message={t('claim.requeueHint')}
              action={
                <Button type="primary" onClick={requeue} data-testid="claim-requeue-button">
                  {t('claim.requeue')}
                </Button>
              }
            />
          )}
          <Table
            size="small"
            rowKey="rule"
            pagination={false}
            dataSource={c.rules}
            title={() => t('claim.checks')}
            data-testid="claim-rules"
            columns={[
              {
                title: '',
                width: 36,
                render: (_, r) => (r.passed ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />),
              },
              { title: t('claim.rule'), dataIndex: 'rule', render: (x: string) => t(`rule.${x}`, { defaultValue: x }) },
              {
                title: t('claim.ruleResult'),
                dataIndex: 'passed',
                width: 90,
                render: (p: boolean) => (p ? <Tag color="green">{t('claim.rulePassed')}</Tag> : <Tag color="red">{t('claim.ruleFailed')}</Tag>),
              },
              {
                title: t('claim.reasonCode'),
                render: (_, r) => (
                  <>
                    {r.code ? <Tag color={r.passed ? 'blue' : 'orange'}>{reasonText(t, r.code)}</Tag> : null}
                    {r.rule === 'ATTENDANCE_THRESHOLD' ? attendanceText(t, [r]) : null}
                  </>
                ),
              },
              // the rules' own notes are English sentences: shown to English readers only
              ...(english ? [{ title: t('common.reason'), dataIndex: 'reason' }] : []),
            ]}
          />
          <Table
            size="small"
            rowKey="number"
            pagination={false}
            dataSource={c.context.otherClaims}
            title={() => t('claim.others')}
            locale={{ emptyText: t('claim.othersNone') }}
            data-testid="claim-others"
            columns={[
              { title: t('claim.year'), dataIndex: 'year', width: 70 },
              { title: t('claim.number'), dataIndex: 'number' },
              { title: t('common.occupation'), render: (_, o) => `${o.occupationName ?? o.occupationCode} · ${t(`level.${o.level}`)}` },
              { title: t('common.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => fen(v) },
              { title: t('common.status'), dataIndex: 'status', render: (v: Claim['status']) => <StatusTag status={v} /> },
            ]}
          />
          <div data-testid="claim-progress">
            <Typography.Title level={5}>{t('tl.title')}</Typography.Title>
            <ProgressSteps kind="claim" id={c.id} version={`${c.status}:${c.events.length}`} />
          </div>
          <div>
            <Typography.Title level={5}>{t('claim.timeline')}</Typography.Title>
            <Timeline
              items={c.events.map((e) => ({
                color: e.to === 'rejected' || e.to === 'failed' ? 'red' : e.to === 'paid' ? 'green' : 'blue',
                children: (
                  <>
                    <StatusTag status={e.to} /> <span className="page-note">{dateTime(e.at)}</span>
                    {e.reason && <div className="page-note">{e.to === 'failed' ? bankReason(e.reason) : eventReason(t, e.reason)}</div>}
                  </>
                ),
              }))}
            />
          </div>
          {canDecide && (
            <Form form={form} layout="vertical" onFinish={decide} initialValues={failed.length ? {} : { decision: 'approve' }}>
              {c.status === 'held' && <Alert type="warning" showIcon message={t('claim.heldNote')} style={{ marginBottom: 12 }} />}
              {failed.length > 0 && (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 12 }}
                  data-testid="claim-failed-alert"
                  message={t('claim.failedAlert', { n: failed.length, rules: failedText })}
                />
              )}
              <Form.Item name="decision" label={t('claim.decision')} rules={[{ required: true, message: t('claim.noDecision') }]}>
                <Radio.Group data-testid="claim-decision">
                  <Radio value="approve">{t('claim.approve')}</Radio>
                  <Radio value="reject">{t('claim.reject')}</Radio>
                </Radio.Group>
              </Form.Item>
              <Form.Item name="opinion" label={t('claim.opinion')} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea rows={3} maxLength={1000} id="claim-opinion" />
              </Form.Item>
              {decision === 'approve' && failed.length > 0 && (
                <Form.Item name="overrideReason" label={t('claim.overrideReason')} rules={[{ required: true, whitespace: true }]}>
                  <Input.TextArea rows={2} maxLength={1000} id="claim-override" />
                </Form.Item>
              )}
              <Button type="primary" htmlType="submit" loading={busy} data-testid="claim-decide">
                {t('common.submit')}
              </Button>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}
