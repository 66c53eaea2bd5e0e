import { useRef, useState } from 'react';
import { ModalForm, ProFormRadio, ProFormTextArea, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../lib/api';
import { errorText } from '../../i18n';
import { dateTime } from '../../lib/format';
import { districtName, useDistricts } from '../../lib/data';
import { StatusTag } from '../../lib/ui';
import { navigate } from '../../lib/router';
import { useTableRequest } from '../../lib/table';

interface Flag {
  id: string;
  sessionId: string;
  classId: string;
  districtCode: string;
  trainee: string;
  at: string;
  flags: string[];
  status: 'accepted' | 'flagged' | 'rejected_after_review';
  distanceM: number | null;
  accuracyM: number | null;
  deviceId: string | null;
  reviewNote: string | null;
  reviewedAt: string | null;
}

export function FlagsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const districts = useDistricts();
  const ref = useRef<ActionType>(undefined);
  const [deciding, setDeciding] = useState<Flag | null>(null);
  const request = useTableRequest<Flag>((_params, page) => api.get<Page<Flag>>('/check-in-flags', page));
  const columns: ProColumns<Flag>[] = [
    { title: t('flag.trainee'), dataIndex: 'trainee' },
    { title: t('audit.at'), dataIndex: 'at', render: (_, r) => dateTime(r.at) },
    { title: t('common.district'), dataIndex: 'districtCode', render: (_, r) => districtName(districts, r.districtCode) },
    {
      title: t('flag.reasons'),
      dataIndex: 'flags',
      render: (_, r) =>
        r.flags.map((f) => (
          <Tag key={f} color="orange">
            {t(`flag.${f}`, { defaultValue: f })}
          </Tag>
        )),
    },
    { title: t('flag.distance'), render: (_, r) => (r.distanceM !== null ? `${Math.round(r.distanceM)} m ± ${r.accuracyM ?? '?'} m` : '—') },
    { title: t('common.status'), dataIndex: 'status', render: (_, r) => <StatusTag status={r.status === 'rejected_after_review' ? 'rejected' : r.status} /> },
    {
      title: t('common.actions'),
      valueType: 'option',
      render: (_, r) => [
        <a key="c" onClick={() => navigate(`/classes/${r.classId}`)}>
          {t('menu.class')}
        </a>,
        r.status === 'flagged' && (
          <a key="d" onClick={() => setDeciding(r)} data-testid="flag-decide">
            {t('flag.review')}
          </a>
        ),
      ],
    },
  ];
  return (
    <>
      <ProTable<Flag>
        rowKey="id"
        actionRef={ref}
        headerTitle={t('menu.flags')}
        columns={columns}
        search={false}
        pagination={{ defaultPageSize: 20 }}
        request={request}
      />
      <ModalForm
        title={t('flag.review')}
        open={!!deciding}
        onOpenChange={(o) => !o && setDeciding(null)}
        modalProps={{ destroyOnHidden: true }}
        initialValues={{ decision: 'accept' }}
        onFinish={async (v: { decision: 'accept' | 'reject'; note: string }) => {
          if (!deciding) return false;
          try {
            await api.post(`/check-in-flags/${deciding.id}/decision`, { decision: v.decision, note: v.note.trim() });
            message.success(t('common.saved'));
            ref.current?.reload();
            return true;
          } catch (e) {
            message.error(errorText(e));
            return false;
          }
        }}
      >
        <ProFormRadio.Group
          name="decision"
          options={[
            { value: 'accept', label: t('flag.accept') },
            { value: 'reject', label: t('flag.reject') },
          ]}
        />
        <ProFormTextArea name="note" label={t('flag.note')} rules={[{ required: true, whitespace: true }]} />
      </ModalForm>
    </>
  );
}
