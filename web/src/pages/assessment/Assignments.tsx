/**
 * 考评安排: the district or city admin assigns classes of their scope to an assessment body and withdraws an
 * assignment with a reason. Only the body a class is assigned to may record its trainees' results.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { ModalForm, ProFormSelect, ProFormTextArea, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Space, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, client, getList, ok, type ItemOf, type Schemas } from '../../lib/api';
import { districtName, useDistricts } from '../../lib/data';
import { date, dateTime } from '../../lib/format';
import { OccupationLabel, useOccupationNames } from '../../lib/occupation';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session';
import { formQuery, useTableRequest } from '../../lib/table';
import { errorText } from '../../i18n';
import { ReasonModal } from '../common';

export type Assignment = Schemas['AssessmentAssignment'];
type ClassItem = ItemOf<'/api/v1/classes'>;

interface Body {
  id: string;
  name: string;
}

const shanghaiDay = (offsetDays = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offsetDays * 86_400_000));

/** Classes an admin may assign: of their scope (the API scopes the list), started within the last year, not cancelled. */
function useAssignableClasses(reloadKey: number): ClassItem[] {
  const [items, setItems] = useState<ClassItem[]>([]);
  useEffect(() => {
    let live = true;
    ok(client.GET('/api/v1/classes', { params: { query: { from: shanghaiDay(-365), limit: 500 } } })).then(
      (r) => live && setItems(r.items.filter((c) => c.state !== 'cancelled').sort((a, b) => b.startDate.localeCompare(a.startDate))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [reloadKey]);
  return items;
}

/**
 * Active assessment bodies from the organisation register. A district admin's register view holds only
 * their district's organisations, so the bodies already assigned in the district are offered as well.
 */
function useAssessmentBodies(reloadKey: number): { bodies: Body[]; liveByClass: Map<string, string> } {
  const [items, setItems] = useState<{ bodies: Body[]; liveByClass: Map<string, string> }>({ bodies: [], liveByClass: new Map() });
  useEffect(() => {
    let live = true;
    Promise.allSettled([
      ok(client.GET('/api/v1/orgs', { params: { query: { kind: 'assessor', status: 'active', limit: 500 } } })),
      ok(client.GET('/api/v1/assessment/assignments', { params: { query: { status: 'all', limit: 500 } } })),
    ]).then(([orgs, assigned]) => {
      if (!live) return;
      const byId = new Map<string, Body>();
      const liveByClass = new Map<string, string>();
      if (orgs.status === 'fulfilled') for (const o of orgs.value.items) byId.set(o.id, { id: o.id, name: o.name });
      if (assigned.status === 'fulfilled')
        for (const a of assigned.value.items) {
          if (!byId.has(a.assessorOrgId)) byId.set(a.assessorOrgId, { id: a.assessorOrgId, name: a.assessorOrgName ?? a.assessorOrgId });
          if (a.active) liveByClass.set(a.classId, a.assessorOrgName ?? a.assessorOrgId);
        }
      setItems({ bodies: [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')), liveByClass });
    });
    return () => {
      live = false;
    };
  }, [reloadKey]);
  return items;
}

export function AssignmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const districts = useDistricts();
  const ref = useRef<ActionType>(undefined);
  const [creating, setCreating] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Assignment | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const classes = useAssignableClasses(reloadKey);
  const { bodies, liveByClass } = useAssessmentBodies(reloadKey);

  const occupationNames = useOccupationNames(classes.map((c) => c.occupationCode));
  const classOptions = useMemo(
    () =>
      classes.map((c) => ({
        value: c.id,
        label: `${c.name} · ${occupationNames.get(c.occupationCode) ?? c.occupationCode} ${t(`level.${c.level}`)} · ${c.startDate}～${c.endDate}${me.role === 'city_admin' ? ` · ${districtName(districts, c.districtCode)}` : ''}`,
      })),
    [classes, districts, me.role, occupationNames, t],
  );
  // in the dialog a class that has a live assignment names its body (assigning it again is refused)
  const assignOptions = useMemo(
    () =>
      classOptions.map((o) => {
        const body = liveByClass.get(o.value);
        return body ? { ...o, label: `${o.label} · ${t('assign.currently', { body })}` } : o;
      }),
    [classOptions, liveByClass, t],
  );
  const bodyOptions = useMemo(() => bodies.map((b) => ({ value: b.id, label: b.name })), [bodies]);

  const request = useTableRequest<Assignment>((params, page) => getList('/api/v1/assessment/assignments', { status: 'active', ...formQuery(params), ...page }));

  const columns: ProColumns<Assignment>[] = [
    {
      title: t('assign.class'),
      dataIndex: 'classId',
      valueType: 'select',
      fieldProps: { options: classOptions, showSearch: true, optionFilterProp: 'label', popupMatchSelectWidth: false },
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <a onClick={() => navigate(`/classes/${r.classId}`)} data-testid="assignment-class">
            {r.className ?? '—'}
          </a>
          {r.occupationCode && (
            <Typography.Text type="secondary">
              <OccupationLabel code={r.occupationCode} /> · {r.level !== null ? t(`level.${r.level}`) : ''}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('assign.period'), search: false, render: (_, r) => (r.startDate ? `${date(r.startDate)} ～ ${date(r.endDate)}` : '—') },
    {
      title: t('assign.classState'),
      dataIndex: 'classState',
      search: false,
      render: (_, r) => (r.classState ? t(`class.state.${r.classState}`, { defaultValue: r.classState }) : '—'),
    },
    {
      title: t('common.district'),
      dataIndex: 'districtCode',
      search: false,
      hideInTable: me.role === 'district_admin',
      render: (_, r) => districtName(districts, r.districtCode),
    },
    {
      title: t('assign.body'),
      dataIndex: 'assessorOrgId',
      valueType: 'select',
      fieldProps: { options: bodyOptions, showSearch: true, optionFilterProp: 'label' },
      render: (_, r) => <span data-testid="assignment-body">{r.assessorOrgName ?? r.assessorOrgId}</span>,
    },
    { title: t('assign.note'), dataIndex: 'note', search: false, ellipsis: true, render: (_, r) => r.note ?? '—' },
    { title: t('assign.assignedAt'), dataIndex: 'assignedAt', search: false, render: (_, r) => dateTime(r.assignedAt) },
    {
      title: t('assign.status'),
      dataIndex: 'status',
      valueType: 'select',
      initialValue: 'active',
      fieldProps: { allowClear: false },
      valueEnum: {
        active: { text: t('assign.status.active') },
        withdrawn: { text: t('assign.status.withdrawn') },
        all: { text: t('assign.status.all') },
      },
      render: (_, r) =>
        r.active ? (
          <Tag color="green" data-status="active">
            {t('assign.status.active')}
          </Tag>
        ) : (
          <Tooltip title={r.withdrawReason}>
            <Space direction="vertical" size={0}>
              <Tag data-status="withdrawn">{t('assign.status.withdrawn')}</Tag>
              <Typography.Text type="secondary">{t('assign.withdrawnAt', { at: dateTime(r.withdrawnAt) })}</Typography.Text>
              {r.withdrawReason && <Typography.Text type="secondary">{r.withdrawReason}</Typography.Text>}
            </Space>
          </Tooltip>
        ),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      render: (_, r) =>
        r.active
          ? [
              <a key="w" onClick={() => setWithdrawing(r)} data-testid="assignment-withdraw">
                {t('assign.withdraw')}
              </a>,
            ]
          : [],
    },
  ];

  const changed = () => {
    ref.current?.reload();
    setReloadKey((k) => k + 1);
  };

  return (
    <>
      <Alert type="info" showIcon message={t('assign.hint')} style={{ marginBottom: 16 }} />
      <ProTable<Assignment>
        rowKey="id"
        actionRef={ref}
        headerTitle={t('menu.assignments')}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        request={request}
        toolBarRender={() => [
          <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="assignment-new">
            {t('assign.new')}
          </Button>,
        ]}
      />
      <ModalForm<{ classId: string; assessorOrgId: string; note?: string }>
        title={t('assign.new')}
        open={creating}
        onOpenChange={setCreating}
        modalProps={{ destroyOnHidden: true }}
        onFinish={async (v) => {
          try {
            await client.POST('/api/v1/assessment/assignments', {
              body: { classId: v.classId, assessorOrgId: v.assessorOrgId, ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
            });
            message.success(t('common.saved'));
            changed();
            return true;
          } catch (e) {
            // one live assignment per class: name the body it already has
            if (e instanceof ApiError && e.code === 'DUPLICATE' && e.field === 'classId') {
              const cur = typeof e.extra?.assessorOrgId === 'string' ? e.extra.assessorOrgId : null;
              message.error(t('assign.duplicate', { body: bodies.find((b) => b.id === cur)?.name ?? cur ?? '—' }));
            } else message.error(errorText(e));
            return false;
          }
        }}
      >
        <ProFormSelect
          name="classId"
          label={t('assign.class')}
          extra={t('assign.classHint')}
          options={assignOptions}
          rules={[{ required: true }]}
          fieldProps={{ id: 'assign-class', showSearch: true, optionFilterProp: 'label' }}
        />
        {bodyOptions.length === 0 && <Alert type="warning" showIcon message={t('assign.noBodies')} style={{ marginBottom: 16 }} />}
        <ProFormSelect
          name="assessorOrgId"
          label={t('assign.body')}
          extra={me.role === 'district_admin' ? t('assign.bodyHint') : undefined}
          options={bodyOptions}
          rules={[{ required: true }]}
          fieldProps={{ id: 'assign-body', showSearch: true, optionFilterProp: 'label' }}
        />
        <ProFormTextArea name="note" label={t('assign.note')} fieldProps={{ id: 'assign-note', maxLength: 500, showCount: true }} />
      </ModalForm>
      <ReasonModal
        title={t('assign.withdraw')}
        open={!!withdrawing}
        id="assign-reason"
        onClose={() => setWithdrawing(null)}
        extra={
          withdrawing && (
            <Typography.Paragraph>
              {t('assign.withdrawHint', { body: withdrawing.assessorOrgName ?? withdrawing.assessorOrgId, cls: withdrawing.className ?? withdrawing.classId })}
            </Typography.Paragraph>
          )
        }
        onSubmit={async (reason) => {
          await client.POST('/api/v1/assessment/assignments/{id}/withdraw', { params: { path: { id: withdrawing!.id } }, body: { reason } });
          changed();
        }}
      />
    </>
  );
}
