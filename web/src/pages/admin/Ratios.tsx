import { useRef, useState } from 'react';
import { ModalForm, ProFormDigit, ProFormSelect, ProFormText, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, ok, type ItemOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { useSession } from '../../lib/session';

type Ratio = ItemOf<'/api/v1/ratios'>;

export function RatiosPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const canEdit = me.role === 'city_admin';
  const ref = useRef<ActionType>(undefined);
  const [editing, setEditing] = useState<Ratio | 'new' | null>(null);

  const condText = (c: string | null) => (!c ? '—' : c === 'once' ? t('ratio.condition.once') : c);
  const columns: ProColumns<Ratio>[] = [
    { title: t('ratio.category'), dataIndex: 'category' },
    { title: t('ratio.name'), dataIndex: 'name' },
    { title: t('ratio.pct'), dataIndex: 'ratioPct', render: (_, r) => `${r.ratioPct}%` },
    { title: t('ratio.condition'), dataIndex: 'condition', render: (_, r) => condText(r.condition) },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            valueType: 'option' as const,
            render: (_: unknown, r: Ratio) => <a onClick={() => setEditing(r)}>{t('common.edit')}</a>,
          },
        ]
      : []),
  ];
  return (
    <>
      <ProTable<Ratio>
        rowKey="category"
        actionRef={ref}
        headerTitle={t('menu.ratios')}
        columns={columns}
        search={false}
        pagination={false}
        request={async () => {
          const r = await ok(client.GET('/api/v1/ratios'));
          return { data: r.items, success: true };
        }}
        toolBarRender={() => [
          canEdit && (
            <Button key="n" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('ratio.set')}
            </Button>
          ),
        ]}
      />
      <ModalForm
        key={editing === 'new' ? 'new' : (editing?.category ?? 'none')}
        title={t('ratio.set')}
        open={!!editing}
        onOpenChange={(o) => !o && setEditing(null)}
        initialValues={editing === 'new' ? { ratioPct: 80, condition: '' } : { ...(editing ?? {}), condition: editing?.condition ?? '' }}
        modalProps={{ destroyOnHidden: true }}
        onFinish={async (v: { category: string; name?: string; ratioPct: number; condition: string }) => {
          try {
            await client.PUT('/api/v1/ratios', {
              body: { category: v.category, name: v.name, ratioPct: v.ratioPct, condition: v.condition ? v.condition : null },
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
        <ProFormText name="category" label={t('ratio.category')} disabled={editing !== 'new'} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,63}$/ }]} />
        <ProFormText name="name" label={t('ratio.name')} rules={[{ required: editing === 'new' }]} />
        <ProFormDigit name="ratioPct" label={t('ratio.pct')} min={0} max={100} fieldProps={{ precision: 0 }} rules={[{ required: true }]} />
        <ProFormSelect
          name="condition"
          label={t('ratio.condition')}
          options={[
            { value: '', label: '—' },
            { value: 'once', label: t('ratio.condition.once') },
            ...[4, 3, 2, 1].map((l) => ({ value: `level<=${l}`, label: `level<=${l}` })),
          ]}
        />
      </ModalForm>
    </>
  );
}
