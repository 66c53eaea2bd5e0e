/**
 * The holiday calendar by year (issue 15 item 1): which years are loaded, the last day the calendar knows,
 * a year's CSV import (city admin), and the city admin's home to-do while next year is not loaded.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Space, Tag, Tooltip, Typography, Upload } from 'antd';
import { QuestionCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, client, ok, upload as uploadFile, type Schemas } from '../../lib/api';
import { errorText } from '../../i18n';
import { navigate } from '../../lib/router';

export type CalendarStatus = Schemas['SubsidyCalendarStatus'];

export function useCalendarStatus(): { status: CalendarStatus | null; reload: () => void } {
  const [status, setStatus] = useState<CalendarStatus | null>(null);
  const reload = useCallback(() => {
    ok(client.GET('/api/v1/subsidy/calendar/years'))
      .then(setStatus)
      .catch(() => setStatus(null));
  }, []);
  useEffect(reload, [reload]);
  return { status, reload };
}

/** A refused import in words: the line and the column, never the raw field path. */
function importError(t: (k: string, o?: Record<string, unknown>) => string, e: unknown): string {
  if (e instanceof ApiError && e.code === 'IMPORT_FILE_INVALID') {
    const line = e.extra?.line;
    const column = e.extra?.column;
    if (column === 'header') return t('calendar.importBadHeader');
    if (typeof line === 'number' && (column === 'date' || column === 'kind' || column === 'name'))
      return t('calendar.importBadLine', { line, column: t(`calendar.col.${column}`) });
    return t('calendar.importBadBody');
  }
  return errorText(e);
}

/** The section above the calendar's table: loaded years, the import, the to-do. */
export function CalendarYears({ canEdit, onImported }: { canEdit: boolean; onImported: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { status, reload } = useCalendarStatus();
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    setBusy(true);
    try {
      const r = await uploadFile('/api/v1/subsidy/calendar/import', file);
      message.success(t('calendar.imported', { years: r.years.join('、'), days: r.days, n: r.noticesRecomputed }));
      reload();
      onImported();
    } catch (e) {
      modal.error({ title: t('calendar.import'), content: <span data-testid="calendar-import-error">{importError(t, e)}</span> });
    } finally {
      setBusy(false);
    }
    return false;
  };

  if (!status) return null;
  return (
    <Card
      size="small"
      title={t('calendar.years')}
      style={{ marginBottom: 16 }}
      extra={
        canEdit && (
          <Space>
            <Tooltip title={t('calendar.importHint')}>
              <QuestionCircleOutlined />
            </Tooltip>
            <Upload accept=".csv" showUploadList={false} beforeUpload={(f) => upload(f)} data-testid="calendar-import">
              <Button icon={<UploadOutlined />} loading={busy} data-testid="calendar-import-button">
                {t('calendar.import')}
              </Button>
            </Upload>
          </Space>
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap data-testid="calendar-years">
          {status.years.length === 0 ? (
            <Typography.Text type="secondary">{t('calendar.noYears')}</Typography.Text>
          ) : (
            status.years.map((y) => (
              <Tag key={y.year} color="green" data-testid={`calendar-year-${y.year}`}>
                {t('calendar.yearTag', { year: y.year, holidays: y.holidays, workdays: y.workdays })}
              </Tag>
            ))
          )}
        </Space>
        {status.lastDay && <Typography.Text type="secondary">{t('calendar.knownThrough', { day: status.lastDay })}</Typography.Text>}
        {status.todo.due && <CalendarTodoAlert status={status} />}
      </Space>
    </Card>
  );
}

function CalendarTodoAlert({ status, withLink = false }: { status: CalendarStatus; withLink?: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="calendar-todo"
      message={t('calendar.todo')}
      description={t('calendar.todoDesc', { day: status.lastDay ?? '—', year: status.todo.nextYear })}
      action={
        withLink ? (
          <Button size="small" type="primary" onClick={() => navigate('/calendar')}>
            {t('calendar.todoGo')}
          </Button>
        ) : undefined
      }
    />
  );
}

/** The city admin's home: the to-do while next year's holidays are not loaded. */
export function CalendarTodo() {
  const { status } = useCalendarStatus();
  if (!status?.todo.due) return null;
  return (
    <div style={{ marginBottom: 16 }}>
      <CalendarTodoAlert status={status} withLink />
    </div>
  );
}

/** 暂定: a notice end counted past the loaded calendar. */
export function ProvisionalTag() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('calendar.provisionalHint')}>
      <Tag color="orange" style={{ marginInlineStart: 4 }} data-testid="notice-provisional">
        {t('calendar.provisional')}
      </Tag>
    </Tooltip>
  );
}
