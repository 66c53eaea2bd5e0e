import { useEffect, useRef, useState } from 'react';
import { ModalForm, ProFormDigit, ProFormSelect, ProFormSwitch, ProFormText, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Drawer, Form, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, ok, type BodyOf, type ItemOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { fen, yuanToFen } from '../../lib/format';
import { invalidate, type Programme } from '../../lib/data';
import { useSession } from '../../lib/session';
import { StatusTag } from '../../lib/ui';

// in the order the form offers them; each checked against the API's enum
const TYPES = ['social_training', 'enterprise_training', 'skill_upgrade', 'apprenticeship'] satisfies Programme['type'][];
const FUNDS = ['employment_subsidy_fund', 'unemployment_insurance_fund', 'local_education_surcharge'] satisfies Programme['fundingSource'][];
const PAYEES = ['person', 'provider', 'enterprise'] satisfies Programme['payee'][];
const LEVELS = [5, 4, 3, 2, 1, 0];

type Standard = ItemOf<'/api/v1/programmes/{id}/standards'>;
type Ratio = ItemOf<'/api/v1/ratios'>;

export function ProgrammesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const canEdit = me.role === 'city_admin';
  const ref = useRef<ActionType>(undefined);
  const [editing, setEditing] = useState<Programme | 'new' | null>(null);
  const [standardsOf, setStandardsOf] = useState<Programme | null>(null);
  const [ratios, setRatios] = useState<Ratio[]>([]);
  useEffect(() => {
    ok(client.GET('/api/v1/ratios')).then(
      (r) => setRatios(r.items),
      () => undefined,
    );
  }, []);

  const columns: ProColumns<Programme>[] = [
    { title: t('prog.code'), dataIndex: 'code', width: 150 },
    { title: t('prog.name'), dataIndex: 'name' },
    { title: t('prog.type'), dataIndex: 'type', render: (_, r) => t(`prog.type.${r.type}`) },
    { title: t('prog.fundingSource'), dataIndex: 'fundingSource', render: (_, r) => t(`fund.${r.fundingSource}`) },
    { title: t('prog.payee'), dataIndex: 'payee', render: (_, r) => t(`payee.${r.payee}`) },
    { title: t('prog.validityMonths'), dataIndex: 'validityMonths', width: 100 },
    { title: t('prog.attendanceThresholdPct'), dataIndex: 'attendanceThresholdPct', width: 110, render: (_, r) => `${r.attendanceThresholdPct}%` },
    { title: t('common.status'), dataIndex: 'status', render: (_, r) => <StatusTag status={r.status} /> },
    {
      title: t('common.actions'),
      valueType: 'option',
      render: (_, r) => [
        <a key="std" onClick={() => setStandardsOf(r)} data-testid={`standards-${r.code}`}>
          {t('prog.standards')}
        </a>,
        canEdit && (
          <a key="edit" onClick={() => setEditing(r)}>
            {t('common.edit')}
          </a>
        ),
      ],
    },
  ];

  const save = async (v: Record<string, unknown>) => {
    try {
      if (editing === 'new') await client.POST('/api/v1/programmes', { body: v as BodyOf<'/api/v1/programmes'> });
      else if (editing) {
        const { code: _c, type: _t, ...patch } = v;
        await client.PATCH('/api/v1/programmes/{id}', { params: { path: { id: editing.id } }, body: patch as BodyOf<'/api/v1/programmes/{id}', 'patch'> });
      }
      message.success(t('common.saved'));
      invalidate('programmes');
      ref.current?.reload();
      return true;
    } catch (e) {
      message.error(errorText(e));
      return false;
    }
  };

  return (
    <>
      <ProTable<Programme>
        rowKey="id"
        actionRef={ref}
        headerTitle={t('menu.programmes')}
        columns={columns}
        search={false}
        pagination={false}
        request={async () => {
          const r = await ok(client.GET('/api/v1/programmes'));
          return { data: r.items, success: true, total: r.items.length };
        }}
        expandable={{
          expandedRowRender: (r) => (
            <Space wrap size={[16, 4]}>
              <span>
                {t('prog.openingDeadlineDays')}
                {t('common.colon')}
                {r.openingDeadlineDays}
              </span>
              <span>
                {t('prog.checkinBeforeMin')}
                {t('common.colon')}
                {r.checkinBeforeMin}
              </span>
              <span>
                {t('prog.checkinAfterMin')}
                {t('common.colon')}
                {r.checkinAfterMin}
              </span>
              <span>
                {t('prog.geofenceRadiusM')}
                {t('common.colon')}
                {r.geofenceRadiusM}
              </span>
              <span>
                {t('prog.accuracyMaxM')}
                {t('common.colon')}
                {r.accuracyMaxM}
              </span>
              <span>
                {t('prog.onlineAttendance')}
                {t('common.colon')}
                {r.onlineAttendance ? t('common.yes') : t('common.no')}
              </span>
              <span>
                {t('prog.maxSubsidiesPerYear')}
                {t('common.colon')}
                {r.maxSubsidiesPerYear}
              </span>
              <span>
                {t('prog.shortageUplift')}
                {t('common.colon')}
                {r.shortageUplift ? t('common.yes') : t('common.no')}
              </span>
              <span>
                {t('prog.eligibleCategories')}:{' '}
                {r.eligibleCategories.map((c) => (
                  <Tag key={c}>{ratios.find((x) => x.category === c)?.name ?? c}</Tag>
                ))}
              </span>
            </Space>
          ),
        }}
        toolBarRender={() => [
          canEdit && (
            <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('prog.new')}
            </Button>
          ),
        ]}
      />
      <ModalForm
        key={editing === 'new' ? 'new' : (editing?.id ?? 'none')}
        title={editing === 'new' ? t('prog.new') : t('prog.edit')}
        open={!!editing}
        onOpenChange={(o) => !o && setEditing(null)}
        initialValues={
          editing === 'new'
            ? {
                validityMonths: 3,
                attendanceThresholdPct: 80,
                passMarkScore: 60,
                openingDeadlineDays: 3,
                checkinBeforeMin: 60,
                checkinAfterMin: 15,
                geofenceRadiusM: 500,
                accuracyMaxM: 100,
                onlineAttendance: false,
                maxSubsidiesPerYear: 2,
                maxSubsidiesPerYearStudent: 1,
                shortageUplift: true,
                status: 'open',
                eligibleCategories: [],
              }
            : (editing ?? undefined)
        }
        modalProps={{ destroyOnHidden: true, width: 720 }}
        grid
        rowProps={{ gutter: 12 }}
        onFinish={save}
      >
        <ProFormText
          name="code"
          label={t('prog.code')}
          colProps={{ span: 8 }}
          disabled={editing !== 'new'}
          rules={[{ required: true, pattern: /^[A-Z0-9][A-Z0-9_-]*$/ }]}
        />
        <ProFormText name="name" label={t('prog.name')} colProps={{ span: 16 }} rules={[{ required: true }]} />
        <ProFormSelect
          name="type"
          label={t('prog.type')}
          colProps={{ span: 8 }}
          disabled={editing !== 'new'}
          rules={[{ required: true }]}
          options={TYPES.map((v) => ({ value: v, label: t(`prog.type.${v}`) }))}
        />
        <ProFormSelect
          name="fundingSource"
          label={t('prog.fundingSource')}
          colProps={{ span: 8 }}
          rules={[{ required: true }]}
          options={FUNDS.map((v) => ({ value: v, label: t(`fund.${v}`) }))}
        />
        <ProFormSelect
          name="payee"
          label={t('prog.payee')}
          colProps={{ span: 8 }}
          rules={[{ required: true }]}
          options={PAYEES.map((v) => ({ value: v, label: t(`payee.${v}`) }))}
        />
        <ProFormDigit name="validityMonths" label={t('prog.validityMonths')} colProps={{ span: 8 }} min={1} max={60} fieldProps={{ precision: 0 }} />
        <ProFormDigit
          name="attendanceThresholdPct"
          label={t('prog.attendanceThresholdPct')}
          colProps={{ span: 8 }}
          min={0}
          max={100}
          fieldProps={{ precision: 0 }}
        />
        <ProFormDigit name="passMarkScore" label={t('prog.passMarkScore')} colProps={{ span: 8 }} min={0} max={100} fieldProps={{ precision: 0 }} />
        <ProFormDigit name="openingDeadlineDays" label={t('prog.openingDeadlineDays')} colProps={{ span: 8 }} min={0} max={60} fieldProps={{ precision: 0 }} />
        <ProFormDigit name="checkinBeforeMin" label={t('prog.checkinBeforeMin')} colProps={{ span: 8 }} min={0} max={1440} fieldProps={{ precision: 0 }} />
        <ProFormDigit name="checkinAfterMin" label={t('prog.checkinAfterMin')} colProps={{ span: 8 }} min={0} max={1440} fieldProps={{ precision: 0 }} />
        <ProFormDigit name="geofenceRadiusM" label={t('prog.geofenceRadiusM')} colProps={{ span: 8 }} min={10} max={100000} fieldProps={{ precision: 0 }} />
        <ProFormDigit name="accuracyMaxM" label={t('prog.accuracyMaxM')} colProps={{ span: 8 }} min={1} max={100000} fieldProps={{ precision: 0 }} />
        <ProFormDigit name="maxSubsidiesPerYear" label={t('prog.maxSubsidiesPerYear')} colProps={{ span: 8 }} min={0} max={100} fieldProps={{ precision: 0 }} />
        <ProFormDigit
          name="maxSubsidiesPerYearStudent"
          label={t('prog.maxSubsidiesPerYearStudent')}
          colProps={{ span: 8 }}
          min={0}
          max={100}
          fieldProps={{ precision: 0 }}
        />
        <ProFormSelect
          name="eligibleCategories"
          label={t('prog.eligibleCategories')}
          colProps={{ span: 24 }}
          mode="multiple"
          options={ratios.map((r) => ({ value: r.category, label: r.name }))}
        />
        <ProFormSwitch name="onlineAttendance" label={t('prog.onlineAttendance')} colProps={{ span: 6 }} />
        <ProFormSwitch name="shortageUplift" label={t('prog.shortageUplift')} colProps={{ span: 6 }} />
        <ProFormSelect
          name="status"
          label={t('common.status')}
          colProps={{ span: 12 }}
          options={['open', 'closed'].map((v) => ({ value: v, label: t(`status.${v}`) }))}
        />
      </ModalForm>
      <StandardsDrawer programme={standardsOf} onClose={() => setStandardsOf(null)} canEdit={canEdit} />
    </>
  );
}

type Occupation = ItemOf<'/api/v1/occupations'>;

function StandardsDrawer({ programme, onClose, canEdit }: { programme: Programme | null; onClose: () => void; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [items, setItems] = useState<Standard[]>([]);
  const [loading, setLoading] = useState(false);
  const [occupations, setOccupations] = useState<Occupation[]>([]);
  const [form] = Form.useForm<{ occupationCode?: string; level: number; amountYuan: number }>();

  const load = async (p: Programme) => {
    setLoading(true);
    try {
      setItems((await ok(client.GET('/api/v1/programmes/{id}/standards', { params: { path: { id: p.id } } }))).items);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    if (programme) void load(programme);
  }, [programme?.id]);

  const searchOcc = async (q: string) => {
    if (!q.trim()) return;
    try {
      setOccupations((await ok(client.GET('/api/v1/occupations', { params: { query: { q: q.trim(), limit: 30 } } }))).items);
    } catch {
      /* ignore typing errors */
    }
  };

  const set = async (v: { occupationCode?: string; level: number; amountYuan: number }) => {
    if (!programme) return;
    const amountFen = yuanToFen(v.amountYuan);
    if (amountFen === null) return;
    try {
      await client.PUT('/api/v1/programmes/{id}/standards', {
        params: { path: { id: programme.id } },
        body: { occupationCode: v.occupationCode ?? null, level: v.level, amountFen },
      });
      message.success(t('common.saved'));
      form.resetFields();
      await load(programme);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Drawer open={!!programme} onClose={onClose} width={720} title={programme ? `${t('prog.standards')} · ${programme.name}` : ''} destroyOnHidden>
      <Table<Standard>
        size="small"
        loading={loading}
        rowKey={(r) => `${r.occupationCode ?? '*'}-${r.level}`}
        dataSource={items}
        pagination={false}
        columns={[
          {
            title: t('common.occupation'),
            render: (_, r) => (r.occupationCode ? `${r.occupationCode} ${r.occupationName ?? ''}` : <Tag>{t('std.anyOccupation')}</Tag>),
          },
          { title: t('std.level'), dataIndex: 'level', render: (l: number) => t(`level.${l}`) },
          { title: t('common.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => fen(v) },
        ]}
      />
      {canEdit && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('std.set')}
          </Typography.Title>
          <Form form={form} layout="inline" onFinish={set} initialValues={{ level: 5 }}>
            <Form.Item name="occupationCode" label={t('std.occupation')}>
              <Select
                allowClear
                showSearch
                filterOption={false}
                onSearch={searchOcc}
                style={{ width: 260 }}
                options={occupations.map((o) => ({ value: o.code, label: `${o.code} ${o.name}` }))}
              />
            </Form.Item>
            <Form.Item name="level" label={t('std.level')} rules={[{ required: true }]}>
              <Select style={{ width: 160 }} options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
            </Form.Item>
            <Form.Item name="amountYuan" label={t('std.amount')} rules={[{ required: true }]}>
              <InputNumber min={0} precision={2} style={{ width: 140 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<EditOutlined />}>
              {t('common.save')}
            </Button>
          </Form>
        </>
      )}
    </Drawer>
  );
}
