/** A person's lifelong training record, for officers in scope (from the persons page). */
import { useEffect, useState } from 'react';
import { Alert, Button, Skeleton } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, download, ok } from '../../lib/api';
import { errorText } from '../../i18n';
import { navigate } from '../../lib/router';
import { RecordView, type LifelongRecord } from '../records/RecordView';

export function PersonRecordPage({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const [record, setRecord] = useState<LifelongRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ok(client.GET('/api/v1/persons/{personId}/record', { params: { path: { personId } } })).then(setRecord, (e) => setError(errorText(e)));
  }, [personId]);
  return (
    <div style={{ maxWidth: 960 }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/persons')} style={{ paddingLeft: 0 }}>
        {t('menu.persons')}
      </Button>
      {error && <Alert type="error" showIcon message={error} />}
      {!error && !record && <Skeleton active />}
      {record && (
        <RecordView record={record} download={() => download('/api/v1/persons/{personId}/record.pdf', { path: { personId } }, 'training-record.pdf')} />
      )}
    </div>
  );
}
