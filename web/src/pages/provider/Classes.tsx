import { useCallback, useEffect, useRef, useState } from 'react';
import {
  ModalForm,
  ProFormDateRangePicker,
  ProFormDigit,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
  ProFormTimePicker,
  ProTable,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { Alert, App, Button, Card, Descriptions, Divider, Form, Input, Popconfirm, Result, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { api, download, type Page } from '../../lib/api';
import { formQuery, useTableRequest } from '../../lib/table';
import { errorText } from '../../i18n';
import { countdown, date, dateTime, fen, pad2 } from '../../lib/format';
import { useProgrammes } from '../../lib/data';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session';
import { StatusTag } from '../../lib/ui';
import { QrScanner } from '../../lib/Scanner';
import type { Course } from './Courses';
import type { Venue } from './Venues';
import { OnlineAttendanceImport } from './OnlineAttendance';
import { ReasonModal } from '../common';

export interface ClassView {
  id: string;
  courseId: string;
  providerId: string;
  programmeId: string;
  occupationCode: string;
  level: number;
  feeFen: number;
  name: string;
  venueId: string | null;
  online: boolean;
  districtCode: string;
  capacity: number;
  seatsTaken: number;
  startDate: string;
  endDate: string;
  reportDeadline: string;
  state: 'draft' | 'reported' | 'open' | 'ended' | 'cancelled';
  reportedAt: string | null;
  openedAt: string | null;
}
interface SessionView {
  id: string;
  seq: number;
  startsAt: string;
  endsAt: string;
  topic: string | null;
}
interface RosterEntry {
  admissionId: string;
  voucherId: string;
  voucherNumber: string;
  voucherKind: string;
  holder: { name: string; idNumberMasked: string };
  via: 'qr' | 'number';
  admittedAt: string;
}
interface VerifyView {
  admissible: boolean;
  reasons: string[];
  holder: { name: string; idNumberMasked: string };
  voucher: {
    id: string;
    number: string;
    kind: string;
    status: string;
    occupationCode: string | null;
    level: number | null;
    validFrom: string;
    validUntil: string;
    ratioPct: number;
    subsidyEstimateFen: number | null;
  };
  class: { id: string; name: string; startDate: string; admissionsCloseAt: string; seatsLeft: number };
  registered: boolean;
}
interface Attendance {
  classId: string;
  className: string;
  online: boolean;
  thresholdPct: number;
  sessions: Array<{ id: string; seq: number; startsAt: string; checkedIn: number }>;
  trainees: Array<{
    voucherId: string;
    voucherNumber: string;
    voucherKind: string;
    name: string;
    sessions: Array<{ sessionId: string; seq: number; mark: 'attended' | 'flagged' | 'rejected' | 'absent'; at: string | null; flags: string[] }>;
    attended: number;
    total: number;
    rate: number;
    meetsThreshold: boolean;
  }>;
}

export function ClassesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const ref = useRef<ActionType>(undefined);
  const request = useTableRequest<ClassView>((params, page) => {
    const q = formQuery(params);
    return api.get<Page<ClassView>>('/classes', { state: q.state, ...page });
  });
  const [open, setOpen] = useState(false);
  const [courses, setCourses] = useState<Course[]>([]);
  const [venues, setVenues] = useState<Venue[]>([]);
  const [form] = Form.useForm();
  const online = Form.useWatch('online', form);
  useEffect(() => {
    if (me.role !== 'provider') return;
    api.get<Page<Course>>('/courses', { limit: 500 }).then(
      (r) => setCourses(r.items),
      () => undefined,
    );
    api.get<Page<Venue>>('/venues', { limit: 500 }).then(
      (r) => setVenues(r.items),
      () => undefined,
    );
  }, [me.role]);

  const columns: ProColumns<ClassView>[] = [
    { title: t('class.name'), dataIndex: 'name', render: (_, r) => <a onClick={() => navigate(`/classes/${r.id}`)}>{r.name}</a> },
    { title: t('common.occupation'), dataIndex: 'occupationCode', search: false },
    { title: t('common.level'), dataIndex: 'level', search: false, render: (_, r) => t(`level.${r.level}`) },
    { title: t('class.dates'), search: false, render: (_, r) => `${date(r.startDate)} ~ ${date(r.endDate)}` },
    { title: t('class.seats'), search: false, render: (_, r) => `${r.seatsTaken} / ${r.capacity}` },
    {
      title: t('class.reportDeadline'),
      search: false,
      render: (_, r) => (r.state === 'draft' ? <Deadline at={r.reportDeadline} compact /> : dateTime(r.reportDeadline)),
    },
    {
      title: t('common.status'),
      dataIndex: 'state',
      valueType: 'select',
      fieldProps: { options: ['draft', 'reported', 'open', 'ended', 'cancelled'].map((s) => ({ value: s, label: t(`class.state.${s}`) })) },
      render: (_, r) => (
        <Tag color={{ draft: 'orange', reported: 'blue', open: 'green', ended: 'default', cancelled: 'red' }[r.state]}>{t(`class.state.${r.state}`)}</Tag>
      ),
    },
  ];

  return (
    <>
      <ProTable<ClassView>
        rowKey="id"
        actionRef={ref}
        headerTitle={t('menu.classes')}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20 }}
        request={request}
        toolBarRender={() =>
          me.role === 'provider'
            ? [
                <Button key="n" type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="class-new">
                  {t('class.new')}
                </Button>,
              ]
            : []
        }
      />
      <ModalForm
        title={t('class.new')}
        open={open}
        form={form}
        onOpenChange={setOpen}
        modalProps={{ destroyOnHidden: true }}
        initialValues={{ capacity: 30, online: false, sessionStart: '09:00', sessionHours: 3 }}
        onFinish={async (v: {
          courseId: string;
          name?: string;
          venueId?: string;
          online: boolean;
          capacity: number;
          dates: [Dayjs, Dayjs] | [string, string];
          sessionStart: string | Dayjs;
          sessionHours: number;
        }) => {
          const d0 = typeof v.dates[0] === 'string' ? v.dates[0] : v.dates[0].format('YYYY-MM-DD');
          const d1 = typeof v.dates[1] === 'string' ? v.dates[1] : v.dates[1].format('YYYY-MM-DD');
          const hhmm = typeof v.sessionStart === 'string' ? v.sessionStart.slice(0, 5) : v.sessionStart.format('HH:mm');
          try {
            await api.post('/classes', {
              courseId: v.courseId,
              ...(v.name ? { name: v.name } : {}),
              venueId: v.online ? null : (v.venueId ?? null),
              online: !!v.online,
              capacity: v.capacity,
              startDate: d0,
              endDate: d1,
              sessions: dailySessions(d0, d1, hhmm, v.sessionHours),
            });
            message.success(t('common.saved'));
            ref.current?.reload();
            return true;
          } catch (e) {
            message.error(errorText(e));
            return false;
          }
        }}
      >
        <ProFormSelect
          name="courseId"
          label={t('menu.courses')}
          rules={[{ required: true }]}
          options={courses.map((c) => ({ value: c.id, label: `${c.name} (${c.occupationCode} · ${t(`level.${c.level}`)})` }))}
        />
        <ProFormText name="name" label={t('class.name')} />
        <ProFormSwitch name="online" label={t('prog.onlineAttendance')} />
        {!online && (
          <ProFormSelect
            name="venueId"
            label={t('menu.venues')}
            rules={[{ required: true }]}
            options={venues.map((x) => ({ value: x.id, label: `${x.name} · ${x.address}` }))}
          />
        )}
        <ProFormDigit name="capacity" label={t('class.capacity')} min={1} max={10000} fieldProps={{ precision: 0 }} rules={[{ required: true }]} />
        <ProFormDateRangePicker name="dates" label={t('class.dates')} rules={[{ required: true }]} />
        <Space>
          <ProFormTimePicker name="sessionStart" label={t('class.sessionStart')} fieldProps={{ format: 'HH:mm' }} rules={[{ required: true }]} />
          <ProFormDigit name="sessionHours" label={t('class.sessionHours')} min={1} max={12} fieldProps={{ precision: 0 }} />
        </Space>
        <Typography.Text type="secondary">{t('class.sessionsNote')}</Typography.Text>
      </ModalForm>
    </>
  );
}

/** One session a day from d0 to d1 at hh:mm Asia/Shanghai, lasting `hours`. */
export function dailySessions(d0: string, d1: string, hhmm: string, hours: number): Array<{ startsAt: string; endsAt: string }> {
  const out: Array<{ startsAt: string; endsAt: string }> = [];
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  for (let d = new Date(`${d0}T00:00:00Z`); d <= new Date(`${d1}T00:00:00Z`) && out.length < 500; d = new Date(d.getTime() + 86_400_000)) {
    const day = d.toISOString().slice(0, 10);
    const start = new Date(`${day}T${pad2(h)}:${pad2(m)}:00+08:00`);
    out.push({ startsAt: start.toISOString(), endsAt: new Date(start.getTime() + hours * 3_600_000).toISOString() });
  }
  return out;
}

/** The opening-report deadline, counted down every second; red in the last day, "passed" after. */
export function Deadline({ at, compact }: { at: string; compact?: boolean }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(h);
  }, []);
  const left = countdown(new Date(at).getTime() - now);
  if (!left) return <Tag color="red">{t('class.deadlinePassed')}</Tag>;
  const text = t('class.countdown', { d: left.days, hms: `${pad2(left.h)}:${pad2(left.m)}:${pad2(left.s)}` });
  if (compact)
    return (
      <Typography.Text type={left.days < 1 ? 'danger' : undefined} className="countdown">
        {text}
      </Typography.Text>
    );
  return (
    <Statistic
      title={`${t('class.reportDeadline')}: ${dateTime(at)}`}
      value={text}
      valueStyle={{ color: left.days < 1 ? '#cf1322' : '#1677ff', fontVariantNumeric: 'tabular-nums' }}
      data-testid="report-countdown"
    />
  );
}

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
        api.get<ClassView>(`/classes/${id}`),
        api.get<SessionView[]>(`/classes/${id}/sessions`),
        api.get<{ roster: RosterEntry[] }>(`/classes/${id}/roster`),
      ]);
      setCls(c);
      setSessions(s);
      setRoster(r.roster);
      if (ops.has('getClassAttendance')) setAtt(await api.get<Attendance>(`/classes/${id}/attendance`));
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
      await api.post(`/classes/${id}/report`);
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
          await api.post(`/admissions/${withdrawing!.admissionId}/withdraw`, { reason });
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
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>
          {t('class.threshold')}: {att.thresholdPct}%
        </Typography.Text>
        {canExport && (
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download(`/classes/${att.classId}/attendance.xlsx`, `attendance-${att.classId}.xlsx`).catch((e) => message.error(errorText(e)))}
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
              return m ? <Tag color={markColor[m.mark]}>{t(`att.${m.mark}`)}</Tag> : '—';
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
  const [cred, setCred] = useState<{ token: string } | { voucherNumber: string; idNumber: string } | null>(null);
  const [result, setResult] = useState<VerifyView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = async (c: { token: string } | { voucherNumber: string; idNumber: string }) => {
    setBusy(true);
    setError(null);
    setResult(null);
    setCred(c);
    try {
      setResult(await api.post<VerifyView>(`/classes/${classId}/verify`, c));
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
      await api.post(`/classes/${classId}/admissions`, cred);
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
