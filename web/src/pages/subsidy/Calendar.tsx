/**
 * The working-day calendar the public notice (公示, 5 working days) counts on: statutory holidays and the
 * make-up working days (调休) that override the Monday–Friday rule. Only a city admin marks days.
 */
import { useRef, useState } from 'react';
import { ModalForm, ProFormDatePicker, ProFormRadio, ProFormText, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { client, ok, type ItemOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { date } from '../../lib/format';
import { useSession } from '../../lib/session';
import { formQuery, useTableRequest } from '../../lib/table';
import { CalendarYears } from './CalendarYears';

type CalendarDay = ItemOf<'/api/v1/subsidy/calendar'>;

const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const ref = useRef<ActionType>(undefined);
  const [open, setOpen] = useState(false);
  const canEdit = me.role === 'city_admin';

  const request = useTableRequest<CalendarDay>(async (params) => {
    const { year, kind } = formQuery(params);
    const all = (await ok(client.GET('/api/v1/subsidy/calendar'))).items;
    return all
      .filter((d) => (!year || d.date.startsWith(`${year}-`)) && (!kind || d.kind === kind))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  });

  const weekday = (d: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'zh-CN', { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
  const columns: ProColumns<CalendarDay>[] = [
    { title: t('common.year'), dataIndex: 'year', valueType: 'digit', initialValue: thisYear, hideInTable: true, fieldProps: { precision: 0 } },
    { title: t('common.date'), dataIndex: 'date', search: false, render: (_, r) => <span data-testid="calendar-date">{date(r.date)}</span> },
    { title: t('calendar.weekday'), search: false, render: (_, r) => weekday(r.date) },
    {
      title: t('calendar.kind'),
      dataIndex: 'kind',
      valueType: 'select',
      valueEnum: { holiday: { text: t('calendar.holiday') }, workday: { text: t('calendar.workday') } },
      render: (_, r) => <Tag color={r.kind === 'holiday' ? 'red' : 'blue'}>{t(`calendar.${r.kind}`)}</Tag>,
    },
    { title: t('calendar.name'), dataIndex: 'name', search: false, render: (_, r) => r.name || '—' },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            valueType: 'option' as const,
            render: (_: unknown, r: CalendarDay) => (
              <a
                key="flip"
                onClick={async () => {
                  try {
                    await client.PUT('/api/v1/subsidy/calendar', { body: { date: r.date, kind: r.kind === 'holiday' ? 'workday' : 'holiday', name: r.name } });
                    ref.current?.reload();
                  } catch (e) {
                    message.error(errorText(e));
                  }
                }}
              >
                {r.kind === 'holiday' ? t('calendar.makeWorkday') : t('calendar.makeHoliday')}
              </a>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <CalendarYears canEdit={canEdit} onImported={() => ref.current?.reload()} />
      <ProTable<CalendarDay>
        rowKey="date"
        actionRef={ref}
        headerTitle={t('menu.calendar')}
        tooltip={t('calendar.hint')}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20 }}
        request={request}
        toolBarRender={() => [
          canEdit && (
            <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="calendar-new">
              {t('calendar.mark')}
            </Button>
          ),
        ]}
      />
      <ModalForm<{ date: Dayjs | string; kind: 'holiday' | 'workday'; name?: string }>
        title={t('calendar.mark')}
        open={open}
        onOpenChange={setOpen}
        modalProps={{ destroyOnHidden: true }}
        initialValues={{ kind: 'holiday' }}
        onFinish={async (v) => {
          const d = typeof v.date === 'string' ? v.date : v.date.format('YYYY-MM-DD');
          try {
            await client.PUT('/api/v1/subsidy/calendar', { body: { date: d, kind: v.kind, name: (v.name ?? '').trim() } });
            message.success(t('common.saved'));
            ref.current?.reload();
            return true;
          } catch (e) {
            message.error(errorText(e));
            return false;
          }
        }}
      >
        <ProFormDatePicker name="date" label={t('common.date')} fieldProps={{ id: 'calendar-date', format: 'YYYY-MM-DD' }} rules={[{ required: true }]} />
        <ProFormRadio.Group
          name="kind"
          label={t('calendar.kind')}
          options={[
            { value: 'holiday', label: t('calendar.holiday') },
            { value: 'workday', label: t('calendar.workday') },
          ]}
        />
        <ProFormText name="name" label={t('calendar.name')} fieldProps={{ id: 'calendar-name', maxLength: 50 }} />
      </ModalForm>
    </>
  );
}
