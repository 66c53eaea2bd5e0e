import { useEffect, useRef, useState } from 'react';
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
import { Alert, App, Button, Form, Space, Statistic, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { client, ok, type ItemOf } from '../../lib/api';
import { formQuery, searchForm } from '../../lib/table';
import { useOfficerList } from '../../lib/OfficerList';
import { errorText } from '../../i18n';
import { countdown, date, dateTime, fen, pad2 } from '../../lib/format';
import { useProgrammes } from '../../lib/data';
import { OccupationLabel } from '../../lib/occupation';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session';
import type { Course } from './Courses';
import type { Venue } from './Venues';

export type ClassView = ItemOf<'/api/v1/classes'>;

export function ClassesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const ref = useRef<ActionType>(undefined);
  const programmes = useProgrammes();
  // the name box is the list's search; the same filters go to 导出 Excel
  const list = useOfficerList('/api/v1/classes', '/api/v1/classes/export.xlsx', (params) => {
    const q = formQuery(params);
    const range = Array.isArray(params.startDate) ? (params.startDate as string[]) : [];
    return { state: q.state, q: q.name, programmeId: q.programmeId, from: range[0], to: range[1] };
  });
  const [open, setOpen] = useState(false);
  const [courses, setCourses] = useState<Course[]>([]);
  const [venues, setVenues] = useState<Venue[]>([]);
  const [form] = Form.useForm();
  const online = Form.useWatch('online', form);
  const courseId = Form.useWatch('courseId', form) as string | undefined;
  const course = courses.find((c) => c.id === courseId);
  useEffect(() => {
    if (me.role !== 'provider') return;
    ok(client.GET('/api/v1/courses', { params: { query: { limit: 500 } } })).then(
      (r) => setCourses(r.items),
      () => undefined,
    );
    ok(client.GET('/api/v1/venues', { params: { query: { limit: 500 } } })).then(
      (r) => setVenues(r.items),
      () => undefined,
    );
  }, [me.role]);

  const columns: ProColumns<ClassView>[] = [
    {
      title: t('class.name'),
      dataIndex: 'name',
      fieldProps: { placeholder: t('class.searchHint'), allowClear: true, 'data-testid': 'list-search' },
      render: (_, r) => (
        <a
          href={`/classes/${r.id}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(`/classes/${r.id}`);
          }}
        >
          {r.name}
        </a>
      ),
    },
    {
      title: t('common.programme'),
      dataIndex: 'programmeId',
      valueType: 'select',
      hideInTable: true,
      fieldProps: { options: programmes.map((p) => ({ value: p.id, label: p.name })) },
    },
    {
      title: t('class.dates'),
      dataIndex: 'startDate',
      valueType: 'dateRange',
      hideInTable: true,
      fieldProps: { placeholder: [t('list.from'), t('list.to')] },
      search: { transform: (v: [string, string]) => ({ startDate: v }) },
    },
    { title: t('common.occupation'), dataIndex: 'occupationCode', search: false, render: (_, r) => <OccupationLabel code={r.occupationCode} /> },
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
      // a to-do on the workbench presets it (?state=draft: opening reports due)
      initialValue: new URLSearchParams(location.search).get('state') ?? undefined,
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
        search={searchForm()}
        pagination={{ defaultPageSize: 20 }}
        request={list.request}
        toolBarRender={() =>
          me.role === 'provider'
            ? [
                list.exportButton,
                <Button key="n" type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="class-new">
                  {t('class.new')}
                </Button>,
              ]
            : [list.exportButton]
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
            await client.POST('/api/v1/classes', {
              body: {
                courseId: v.courseId,
                ...(v.name ? { name: v.name } : {}),
                venueId: v.online ? null : (v.venueId ?? null),
                online: !!v.online,
                capacity: v.capacity,
                startDate: d0,
                endDate: d1,
                sessions: dailySessions(d0, d1, hhmm, v.sessionHours),
              },
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
        {course && (
          // the class takes its programme, occupation, level and fee from the course: the clerk sees them before saving
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="class-course-facts"
            message={
              <span>
                {programmes.find((p) => p.id === course.programmeId)?.name ?? '—'} · <OccupationLabel code={course.occupationCode} /> ·{' '}
                {t(`level.${course.level}`)} · {t('course.hours')} {course.hours} · {t('course.fee')} {fen(course.feeFen)}
              </span>
            }
          />
        )}
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
      title={`${t('class.reportDeadline')}{t('common.colon')}${dateTime(at)}`}
      value={text}
      valueStyle={{ color: left.days < 1 ? '#cf1322' : '#1677ff', fontVariantNumeric: 'tabular-nums' }}
      data-testid="report-countdown"
    />
  );
}
