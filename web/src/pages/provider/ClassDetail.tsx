/** A class's page: its facts and deadline, sessions, roster, attendance, and the desk's verify-and-admit. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Divider, Form, Input, Popconfirm, Result, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, download, ok, type BodyOf, type ItemOf, type ResponseOf, type Schemas } from '../../lib/api';
import { errorText } from '../../i18n';
import { date, dateTime, fen } from '../../lib/format';
import { useProgrammes } from '../../lib/data';
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
    } catch (e) {
      setError(errorText(e));
    }
  }, [id, ops]);
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
          <Descriptions column={2} size="small" style={{ maxWidth: 720 }}>
            <Descriptions.Item label={t('common.programme')}>{programmes.find((p) => p.id === cls.programmeId)?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('common.occupation')}>
              {cls.occupationCode} · {t(`level.${cls.level}`)}
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

function AttendanceSheet({ att, canExport }: { att: Attendance; canExport: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const markColor = { attended: 'green', flagged: 'orange', rejected: 'red', absent: 'default' } as const;
  const provider = useSession().me.role === 'provider';
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>
          {t('class.threshold')}: {att.thresholdPct}%
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
        layout="inline"
        onFinish={(v: { voucherNumber: string; idNumber: string }) =>
          void verify({ voucherNumber: v.voucherNumber.trim().toUpperCase(), idNumber: v.idNumber.trim().toUpperCase() })
        }
      >
        <Form.Item name="voucherNumber" label={t('voucher.number')} rules={[{ required: true }]}>
          <Input id="verify-number" style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="idNumber" label={t('persons.idNumber')} rules={[{ required: true, pattern: /^\d{17}[\dXx]$/, message: t('error.INVALID_ID_NUMBER') }]}>
          <Input id="verify-id" style={{ width: 220 }} maxLength={18} />
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
                {t('voucher.validity')}: {date(result.voucher.validFrom)} ~ {date(result.voucher.validUntil)} · {t('voucher.ratio')} {result.voucher.ratioPct}%
                · {t('voucher.estimate')} {fen(result.voucher.subsidyEstimateFen)}
              </span>
              <span>
                {t('class.admissionsClose')}: {dateTime(result.class.admissionsCloseAt)} · {t('class.seatsLeft')}: {result.class.seatsLeft}
              </span>
              {result.reasons.map((r) => (
                <Typography.Text key={r} type="danger">
                  {r}
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
