/** A class's page: its facts and deadline, sessions, roster, attendance, and the desk's verify-and-admit. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Divider, Form, Grid, Input, Popconfirm, Result, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, download, ok, type BodyOf, type ItemOf, type ResponseOf, type Schemas } from '../../lib/api';
import { errorText } from '../../i18n';
import { date, dateTime, fen } from '../../lib/format';
import { useProgrammes } from '../../lib/data';
import { OccupationLabel } from '../../lib/occupation';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session';
import { StatusTag } from '../../lib/ui';
import { QrScanner } from '../../lib/Scanner';
import { OnlineAttendanceImport } from './OnlineAttendance';
import { appealLink } from '../appeals/Worker';
import { ReasonModal } from '../common';
import { Deadline, type ClassView } from './Classes';

type SessionView = ItemOf<'/api/v1/classes/{id}/sessions'>;
type RosterEntry = ResponseOf<'/api/v1/classes/{id}/roster'>['roster'][number];
type VerifyView = ResponseOf<'/api/v1/classes/{id}/verify', 'post'>;
type Attendance = Schemas['ClassAttendance'];
type ClassClaim = Schemas['ClassClaim'];
/** A voucher shown at the desk: its QR token, or its number with the holder's ID number. */
type Credential = BodyOf<'/api/v1/classes/{id}/verify'>;

export function ClassDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me, ops } = useSession();
  const programmes = useProgrammes();
  const [cls, setCls] = useState<ClassView | null>(null);
  const [sessions, setSessions] = useState<SessionView[]>([]);
  const [roster, setRoster] = useState<RosterEntry[]>([]);
  const [att, setAtt] = useState<Attendance | null>(null);
  const [claims, setClaims] = useState<ClassClaim[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState<RosterEntry | null>(null);
  const isProvider = me.role === 'provider';

  const load = useCallback(async () => {
    try {
      const [c, s, r] = await Promise.all([
        ok(client.GET('/api/v1/classes/{id}', { params: { path: { id } } })),
        ok(client.GET('/api/v1/classes/{id}/sessions', { params: { path: { id } } })),
        ok(client.GET('/api/v1/classes/{id}/roster', { params: { path: { id } } })),
      ]);
      setCls(c);
      setSessions(s.items);
      setRoster(r.roster);
      if (ops.has('getClassAttendance')) setAtt(await ok(client.GET('/api/v1/classes/{id}/attendance', { params: { path: { id } } })));
      if (isProvider && ops.has('listClassClaims')) setClaims((await ok(client.GET('/api/v1/classes/{id}/claims', { params: { path: { id } } }))).items);
    } catch (e) {
      setError(errorText(e));
    }
  }, [id, ops, isProvider]);
  useEffect(() => {
    void load();
  }, [load]);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!cls) return <Card loading />;

  // withdrawals (the voucher is released) are open until the opening-report deadline, while the class is a draft
  const canWithdraw = isProvider && cls.state === 'draft' && Date.now() <= new Date(cls.reportDeadline).getTime() && ops.has('withdrawAdmission');

  const report = async () => {
    try {
      await client.POST('/api/v1/classes/{id}/report', { params: { path: { id } } });
      message.success(t('class.reported'));
      await load();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space>
            {cls.name}
            <Tag color={{ draft: 'orange', reported: 'blue', open: 'green', ended: 'default', cancelled: 'red' }[cls.state]} data-testid="class-state">
              {t(`class.state.${cls.state}`)}
            </Tag>
          </Space>
        }
        extra={<Button onClick={() => navigate('/classes')}>{t('common.back')}</Button>}
      >
        <Space align="start" size="large" wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" style={{ maxWidth: 720 }}>
            <Descriptions.Item label={t('common.programme')}>{programmes.find((p) => p.id === cls.programmeId)?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('common.occupation')}>
              <OccupationLabel code={cls.occupationCode} /> · {t(`level.${cls.level}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('class.dates')}>
              {date(cls.startDate)} ~ {date(cls.endDate)}
            </Descriptions.Item>
            <Descriptions.Item label={t('class.seats')}>
              {cls.seatsTaken} / {cls.capacity}
            </Descriptions.Item>
            <Descriptions.Item label={t('course.fee')}>{fen(cls.feeFen)}</Descriptions.Item>
            <Descriptions.Item label={t('class.reportedAt')}>{cls.reportedAt ? dateTime(cls.reportedAt) : '—'}</Descriptions.Item>
          </Descriptions>
          <Space direction="vertical" align="end">
            <Deadline at={cls.reportDeadline} />
            {isProvider && cls.state === 'draft' && (
              <Popconfirm title={t('class.reportConfirm', { n: roster.length })} onConfirm={report}>
                <Button type="primary" icon={<SendOutlined />} data-testid="file-report">
                  {t('class.fileReport')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Space>
      </Card>
      <Card>
        <Tabs
          items={[
            ...(isProvider && ['draft', 'reported', 'open'].includes(cls.state)
              ? [{ key: 'admit', label: t('class.verifyAdmit'), children: <VerifyAdmit classId={id} onAdmitted={load} /> }]
              : []),
            {
              key: 'roster',
              label: `${t('class.roster')} (${roster.length})`,
              children: (
                <Table<RosterEntry>
                  size="small"
                  rowKey="admissionId"
                  dataSource={roster}
                  pagination={false}
                  data-testid="roster"
                  columns={[
                    { title: t('persons.name'), render: (_, r) => r.holder.name },
                    { title: t('persons.idNumber'), render: (_, r) => r.holder.idNumberMasked },
                    { title: t('voucher.number'), dataIndex: 'voucherNumber' },
                    { title: t('voucher.kind'), dataIndex: 'voucherKind', render: (k: string) => t(`voucher.kind.${k}`) },
                    { title: t('class.via'), dataIndex: 'via', render: (v: string) => t(`class.via.${v}`) },
                    { title: t('class.admittedAt'), dataIndex: 'admittedAt', render: (v: string) => dateTime(v) },
                    ...(canWithdraw
                      ? [
                          {
                            title: t('common.actions'),
                            key: 'withdraw',
                            render: (_: unknown, r: RosterEntry) => (
                              <a onClick={() => setWithdrawing(r)} data-testid="roster-withdraw">
                                {t('class.withdraw')}
                              </a>
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
              ),
            },
            {
              key: 'sessions',
              label: `${t('class.sessions')} (${sessions.length})`,
              children: (
                <Table<SessionView>
                  size="small"
                  rowKey="id"
                  dataSource={sessions}
                  pagination={false}
                  columns={[
                    { title: '#', dataIndex: 'seq', width: 60 },
                    { title: t('class.startsAt'), dataIndex: 'startsAt', render: (v: string) => dateTime(v) },
                    { title: t('class.endsAt'), dataIndex: 'endsAt', render: (v: string) => dateTime(v) },
                    { title: t('class.topic'), dataIndex: 'topic', render: (v: string | null) => v ?? '—' },
                  ]}
                />
              ),
            },
            ...(isProvider && cls.online && ops.has('importOnlineAttendance')
              ? [
                  {
                    key: 'online',
                    label: t('online.tab'),
                    children: <OnlineAttendanceImport classId={id} sessions={sessions} onImported={() => void load()} />,
                  },
                ]
              : []),
            ...(att
              ? [
                  {
                    key: 'attendance',
                    label: t('class.attendance'),
                    children: <AttendanceSheet att={att} canExport={ops.has('exportClassAttendance')} />,
                  },
                ]
              : []),
            ...(claims
              ? [
                  {
                    key: 'claims',
                    label: `${t('class.claims')} (${claims.length})`,
                    children: <ClassClaims claims={claims} roster={roster} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <ReasonModal
        title={t('class.withdraw')}
        open={!!withdrawing}
        id="withdraw-reason"
        required={false}
        onClose={() => setWithdrawing(null)}
        extra={
          withdrawing && (
            <Alert
              type="info"
              showIcon
              message={t('class.withdrawHint', { name: withdrawing.holder.name, number: withdrawing.voucherNumber })}
              style={{ marginBottom: 12 }}
            />
          )
        }
        onSubmit={async (reason) => {
          await client.POST('/api/v1/admissions/{id}/withdraw', { params: { path: { id: withdrawing!.admissionId } }, body: { reason } });
          await load();
        }}
      />
    </Space>
  );
}

/** The provider's view of its class's subsidy claims: who, how much, and where the money is. */
function ClassClaims({ claims, roster }: { claims: ClassClaim[]; roster: RosterEntry[] }) {
  const { t } = useTranslation();
  const byVoucher = new Map(roster.map((r) => [r.voucherId, r]));
  const total = claims.reduce((s, c) => s + c.amountFen, 0);
  const paid = claims.filter((c) => c.status === 'paid').reduce((s, c) => s + c.amountFen, 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('class.claimsHint')}</Typography.Text>
      {claims.length > 0 && (
        <Typography.Text strong data-testid="class-claims-totals">
          {t('class.claimTotals', { n: claims.length, total: fen(total), paid: fen(paid) })}
        </Typography.Text>
      )}
      <Table<ClassClaim>
        size="small"
        rowKey="number"
        dataSource={claims}
        pagination={false}
        data-testid="class-claims"
        locale={{ emptyText: t('class.claimsEmpty') }}
        columns={[
          { title: t('persons.name'), render: (_, c) => byVoucher.get(c.voucherId)?.holder.name ?? '—' },
          { title: t('voucher.number'), render: (_, c) => byVoucher.get(c.voucherId)?.voucherNumber ?? '—' },
          { title: t('claim.number'), dataIndex: 'number' },
          { title: t('class.claimAmount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => fen(v) },
          { title: t('claim.payee'), dataIndex: 'payeeKind', render: (k: string) => t(`payee.${k}`) },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          { title: t('class.claimNoticeEnds'), dataIndex: 'noticeLastDay', render: (v: string | null) => (v ? date(v) : '—') },
          { title: t('class.claimPaidAt'), dataIndex: 'paidAt', render: (v: string | null) => (v ? dateTime(v) : '—') },
        ]}
      />
    </Space>
  );
}

function AttendanceSheet({ att, canExport }: { att: Attendance; canExport: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const markColor = { attended: 'green', flagged: 'orange', rejected: 'red', absent: 'default' } as const;
  const provider = useSession().me.role === 'provider';
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>
          {t('class.threshold')}
          {t('common.colon')}
          {att.thresholdPct}%
        </Typography.Text>
        {canExport && (
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              download('/api/v1/classes/{id}/attendance.xlsx', { path: { id: att.classId } }, `attendance-${att.classId}.xlsx`).catch((e) =>
                message.error(errorText(e)),
              )
            }
            data-testid="attendance-export"
          >
            {t('class.exportAttendance')}
          </Button>
        )}
      </Space>
      <Table
        size="small"
        rowKey="voucherId"
        dataSource={att.trainees}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('persons.name'), dataIndex: 'name', fixed: 'left' },
          ...att.sessions.map((s) => ({
            title: `#${s.seq} ${date(s.startsAt).slice(5)}`,
            key: s.id,
            render: (_: unknown, r: Attendance['trainees'][number]) => {
              const m = r.sessions.find((x) => x.sessionId === s.id);
              if (!m) return '—';
              const tag = <Tag color={markColor[m.mark]}>{t(`att.${m.mark}`)}</Tag>;
              // the provider may appeal (申诉) a check-in of its class rejected on review
              return provider && m.mark === 'rejected' && m.checkInId ? (
                <Space size={4}>
                  {tag}
                  <a onClick={() => navigate(appealLink('check_in', m.checkInId!))} data-testid="checkin-appeal">
                    {t('appeals.button')}
                  </a>
                </Space>
              ) : (
                tag
              );
            },
          })),
          {
            title: t('class.rate'),
            key: 'rate',
            render: (_: unknown, r: Attendance['trainees'][number]) => (
              <Typography.Text type={r.meetsThreshold ? 'success' : 'danger'}>
                {r.attended}/{r.total}
              </Typography.Text>
            ),
          },
        ]}
      />
    </>
  );
}

function VerifyAdmit({ classId, onAdmitted }: { classId: string; onAdmitted: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [cred, setCred] = useState<Credential | null>(null);
  const [result, setResult] = useState<VerifyView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // a phone (below 576 px): the two fields one above the other, each the card's width
  const wide = Grid.useBreakpoint().sm ?? true;

  const verify = async (c: Credential) => {
    setBusy(true);
    setError(null);
    setResult(null);
    setCred(c);
    try {
      setResult(await ok(client.POST('/api/v1/classes/{id}/verify', { params: { path: { id: classId } }, body: c })));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const admit = async () => {
    if (!cred) return;
    setBusy(true);
    try {
      await client.POST('/api/v1/classes/{id}/admissions', { params: { path: { id: classId } }, body: cred });
      message.success(t('class.admitted'));
      setResult(null);
      setCred(null);
      onAdmitted();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5}>{t('class.byQr')}</Typography.Title>
      <QrScanner onResult={(token) => void verify({ token })} />
      <Divider plain>{t('class.orTyped')}</Divider>
      <Form
        layout={wide ? 'inline' : 'vertical'}
        onFinish={(v: { voucherNumber: string; idNumber: string }) =>
          void verify({ voucherNumber: v.voucherNumber.trim().toUpperCase(), idNumber: v.idNumber.trim().toUpperCase() })
        }
      >
        <Form.Item name="voucherNumber" label={t('voucher.number')} rules={[{ required: true }]}>
          <Input id="verify-number" style={{ width: wide ? 240 : '100%' }} />
        </Form.Item>
        <Form.Item name="idNumber" label={t('persons.idNumber')} rules={[{ required: true, pattern: /^\d{17}[\dXx]$/, message: t('error.INVALID_ID_NUMBER') }]}>
          <Input id="verify-id" style={{ width: wide ? 220 : '100%' }} maxLength={18} />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('class.verify')}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="verify-error" />}
      {result && (
        <Result
          status={result.admissible ? 'success' : 'warning'}
          title={result.admissible ? t('class.admissible') : t('class.notAdmissible')}
          subTitle={
            <Space direction="vertical" data-testid="verify-result">
              <span>
                {result.holder.name} {result.holder.idNumberMasked} · {result.voucher.number} · <StatusTag status={result.voucher.status} />
              </span>
              <span>
                {t('voucher.validity')}
                {t('common.colon')}
                {date(result.voucher.validFrom)} ~ {date(result.voucher.validUntil)} · {t('voucher.ratio')} {result.voucher.ratioPct}%
                {/* the estimate comes only with an admissible voucher: a refused one shows its reasons, no figure (nor a bare —) */}
                {result.voucher.subsidyEstimateFen !== null && (
                  <>
                    {' '}
                    · {t('voucher.estimate')} <span data-testid="verify-estimate">{fen(result.voucher.subsidyEstimateFen)}</span>
                    <Typography.Text type="secondary">（{t('class.estimateBasis')}）</Typography.Text>
                  </>
                )}
              </span>
              <span>
                {t('class.admissionsClose')}
                {t('common.colon')}
                {dateTime(result.class.admissionsCloseAt)} · {t('class.seatsLeft')}
                {t('common.colon')}
                {result.class.seatsLeft}
              </span>
              {result.reasons.map((r) => (
                <Typography.Text key={r} type="danger" data-testid="verify-reason">
                  {t(`admit.reason.${r}`, {
                    defaultValue: t('class.notAdmissible'),
                    // the reasons that name a state name the real one: the class's and the voucher's, as verify read them
                    state: t(`class.state.${result.class.state}`),
                    status: t(`status.${result.voucher.status}`),
                  })}
                </Typography.Text>
              ))}
            </Space>
          }
          extra={
            result.admissible && (
              <Button type="primary" onClick={admit} loading={busy} data-testid="admit">
                {t('class.admit')}
              </Button>
            )
          }
        />
      )}
    </Space>
  );
}
