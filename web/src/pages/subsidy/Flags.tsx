import { useEffect, useRef, useState } from 'react';
import { ModalForm, ProFormRadio, ProFormTextArea, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { client, ok, type Schemas } from '../../lib/api';
import { errorText } from '../../i18n';
import { dateTime } from '../../lib/format';
import { districtName, useDistricts } from '../../lib/data';
import { StatusTag } from '../../lib/ui';
import { navigate } from '../../lib/router';
import { formQuery } from '../../lib/table';
import { useOfficerList } from '../../lib/OfficerList';

type Flag = Schemas['CheckInFlag'];

export function FlagsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const districts = useDistricts();
  const ref = useRef<ActionType>(undefined);
  const [deciding, setDeciding] = useState<Flag | null>(null);
  // filters (review state, pattern, class, dates) and 导出 Excel of what they show
  const list = useOfficerList('/api/v1/check-in-flags', '/api/v1/check-in-flags/export.xlsx', (params) => {
    const q = formQuery(params);
    const range = Array.isArray(params.at) ? (params.at as string[]) : [];
    return { status: q.state, flag: q.flag, classId: q.classId, from: range[0], to: range[1] };
  });
  const [classes, setClasses] = useState<Array<{ id: string; name: string }>>([]);
  useEffect(() => {
    ok(client.GET('/api/v1/classes', { params: { query: { limit: 500 } } })).then(
      (r) => setClasses(r.items),
      () => undefined,
    );
  }, []);
  const columns: ProColumns<Flag>[] = [
    { title: t('flag.trainee'), dataIndex: 'trainee', search: false },
    {
      title: t('flag.class'),
      dataIndex: 'classId',
      valueType: 'select',
      fieldProps: { showSearch: true, optionFilterProp: 'label', options: classes.map((c) => ({ value: c.id, label: c.name })) },
      render: (_, r) => classes.find((c) => c.id === r.classId)?.name ?? '—',
    },
    {
      title: t('audit.at'),
      dataIndex: 'at',
      valueType: 'dateRange',
      fieldProps: { placeholder: [t('list.from'), t('list.to')] },
      search: { transform: (v: [string, string]) => ({ at: v }) },
      render: (_, r) => dateTime(r.at),
    },
    { title: t('common.district'), dataIndex: 'districtCode', search: false, render: (_, r) => districtName(districts, r.districtCode) },
    {
      title: t('flag.state'),
      dataIndex: 'state',
      valueType: 'select',
      hideInTable: true,
      initialValue: 'flagged',
      fieldProps: { allowClear: false, options: ['flagged', 'accepted', 'rejected_after_review'].map((x) => ({ value: x, label: t(`flag.state.${x}`) })) },
    },
    {
      title: t('flag.reasons'),
      dataIndex: 'flag',
      valueType: 'select',
      fieldProps: {
        options: ['shared_device', 'identical_coordinates', 'accuracy_poor', 'impossible_travel'].map((x) => ({ value: x, label: t(`flag.${x}`) })),
      },
      render: (_, r) =>
        r.flags.map((f) => (
          <Tag key={f} color="orange">
            {t(`flag.${f}`, { defaultValue: f })}
          </Tag>
        )),
    },
    { title: t('flag.distance'), search: false, render: (_, r) => (r.distanceM !== null ? `${Math.round(r.distanceM)} m ± ${r.accuracyM ?? '?'} m` : '—') },
    {
      title: t('common.status'),
      dataIndex: 'status',
      search: false,
      render: (_, r) => <StatusTag status={r.status === 'rejected_after_review' ? 'rejected' : r.status} />,
    },
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
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20 }}
        request={list.request}
        toolBarRender={() => [list.exportButton]}
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
            await client.POST('/api/v1/check-in-flags/{id}/decision', {
              params: { path: { id: deciding.id } },
              body: { decision: v.decision, note: v.note.trim() },
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
