/** 我的培训档案: the worker's lifelong training record on the phone, and its signed PDF. */
import { useEffect, useState } from 'react';
import { Alert, Skeleton } from 'antd';
import { client, download, ok } from '../../lib/api';
import { errorText } from '../../i18n';
import { RecordView, type LifelongRecord } from '../records/RecordView';

export function MyRecordPage() {
  const [record, setRecord] = useState<LifelongRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ok(client.GET('/api/v1/me/record')).then(setRecord, (e) => setError(errorText(e)));
  }, []);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!record) return <Skeleton active />;
  return <RecordView record={record} compact download={() => download('/api/v1/me/record.pdf', {}, 'training-record.pdf')} />;
}
