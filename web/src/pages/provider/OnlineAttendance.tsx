/**
 * Online classes: the provider imports the online platform's attendance records (身份证号, 课次, 签到时间) as
 * CSV or Excel; good rows are recorded, each bad row comes back with its line, column and reason.
 */
import { useState } from 'react';
import { App, Button, Card, Space, Statistic, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { saveBlob, upload as uploadFile, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { toCsv } from '../../lib/format';
import { RowErrors } from '../common';

type ImportReport = ResponseOf<'/api/v1/classes/{id}/online-attendance', 'post'>;

export function OnlineAttendanceImport({
  classId,
  sessions,
  onImported,
}: {
  classId: string;
  sessions: Array<{ seq: number; startsAt: string }>;
  onImported: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    try {
      const r = await uploadFile('/api/v1/classes/{id}/online-attendance', file, { path: { id: classId } });
      setReport(r);
      if (r.imported > 0) onImported();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
    return false;
  };

  const template = () =>
    saveBlob(
      toCsv(
        ['身份证号', '课次', '签到时间'],
        sessions.slice(0, 1).map((s) => ['', s.seq, s.startsAt]),
      ),
      'online-attendance-template.csv',
    );

  const columnName = (c: string) => ({ idNumber: t('persons.idNumber'), sessionSeq: t('online.sessionSeq'), at: t('online.at') })[c] ?? c;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('online.hint')}</Typography.Paragraph>
      <Space>
        <Button icon={<DownloadOutlined />} onClick={template} data-testid="online-template">
          {t('common.template')}
        </Button>
        <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => upload(f)}>
          <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="online-upload">
            {t('online.upload')}
          </Button>
        </Upload>
      </Space>
      {report && (
        <Card size="small" title={t('online.report')} data-testid="online-report">
          <Space size="large" wrap>
            <Statistic title={t('online.rows')} value={report.rows} />
            <Statistic title={t('online.imported')} value={report.imported} valueStyle={{ color: '#3f8600' }} />
            <Statistic title={t('online.duplicates')} value={report.duplicates} />
            <Statistic title={t('online.errors')} value={report.errors.length} valueStyle={report.errors.length ? { color: '#cf1322' } : undefined} />
          </Space>
          {report.errors.length > 0 && <RowErrors issues={report.errors} columnName={columnName} />}
        </Card>
      )}
    </Space>
  );
}
