/**
 * Organisations (providers, enterprises, assessment bodies) and their staff accounts; for providers also the
 * programmes and occupations they are approved for (准入), granted and withdrawn by a city or district admin,
 * and suspension (暂停) / reinstatement with a reason. `kind="provider"` is the provider-approvals page.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ModalForm, ProFormSelect, ProFormText, ProFormDependency, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Descriptions, Drawer, Form, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, getList, ok, type BodyOf, type ItemOf, type Schemas } from '../../lib/api';
import { errorText } from '../../i18n';
import { date, dateTime } from '../../lib/format';
import { districtName, useDistricts, useProgrammes } from '../../lib/data';
import { useSession } from '../../lib/session';
import { StatusTag } from '../../lib/ui';
import { formQuery, useTableRequest } from '../../lib/table';
import { OccupationSelect, ReasonModal } from '../common';
import { OccupationLabel } from '../../lib/occupation';

type OrgKind = Org['kind'];
const PROVIDER_KINDS = ['social_training_body', 'vocational_college', 'high_skill_base'] as const satisfies readonly Org['providerKind'][];

export type Org = Schemas['Organisation'];
type Account = ItemOf<'/api/v1/orgs/{id}/accounts'>;
type Approval = ItemOf<'/api/v1/providers/{id}/approvals'>;

export function OrgsPage({ kind }: { kind?: 'provider' }) {
  const { t } = useTranslation();
  const { me, ops } = useSession();
  const districts = useDistricts();
  const ref = useRef<ActionType>(undefined);
  const manager = me.role === 'city_admin' || me.role === 'district_admin';
  const [creating, setCreating] = useState(false);
  const [accountsOf, setAccountsOf] = useState<Org | null>(null);
  const [approvalsOf, setApprovalsOf] = useState<Org | null>(null);
  const [suspending, setSuspending] = useState<Org | null>(null);

  const request = useTableRequest<Org>((params, page) => getList('/api/v1/orgs', { ...formQuery(params), ...(kind ? { kind } : {}), ...page }));

  const columns: ProColumns<Org>[] = [
    { title: t('common.name'), dataIndex: 'name', render: (_, r) => <span data-testid="org-name">{r.name}</span> },
    {
      title: t('org.kind'),
      dataIndex: 'kind',
      valueType: 'select',
      hideInSearch: !!kind,
      hideInTable: !!kind,
      valueEnum: { provider: { text: t('org.kind.provider') }, enterprise: { text: t('org.kind.enterprise') }, assessor: { text: t('org.kind.assessor') } },
    },
    {
      title: t('org.providerKind'),
      dataIndex: 'providerKind',
      valueType: 'select',
      hideInSearch: !kind,
      valueEnum: Object.fromEntries(PROVIDER_KINDS.map((k) => [k, { text: t(`org.providerKind.${k}`) }])),
      render: (_, r) => (r.providerKind ? t(`org.providerKind.${r.providerKind}`) : '—'),
    },
    { title: t('org.uscc'), dataIndex: 'uscc', search: false, copyable: true },
    {
      title: t('common.district'),
      dataIndex: 'districtCode',
      valueType: 'select',
      hideInSearch: me.role === 'district_admin',
      fieldProps: { options: districts.map((d) => ({ value: d.code, label: d.name })), showSearch: true },
      render: (_, r) => districtName(districts, r.districtCode),
    },
    { title: t('org.contact'), search: false, render: (_, r) => (r.contactName ? `${r.contactName} ${r.contactPhone ?? ''}` : '—') },
    {
      title: t('common.status'),
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: { active: { text: t('status.active') }, suspended: { text: t('status.suspended') } },
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <span data-testid="org-status">
            <StatusTag status={r.status} />
          </span>
          {r.suspendedReason && <Typography.Text type="secondary">{r.suspendedReason}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', search: false, render: (_, r) => date(r.createdAt) },
    {
      title: t('common.actions'),
      valueType: 'option',
      render: (_, r) => [
        r.kind === 'provider' && ops.has('listProviderApprovals') && (
          <a key="ap" onClick={() => setApprovalsOf(r)} data-testid="org-approvals">
            {t('org.approvals')}
          </a>
        ),
        ops.has('listOrgAccounts') && (
          <a key="ac" onClick={() => setAccountsOf(r)} data-testid="org-accounts">
            {t('org.accounts')}
          </a>
        ),
        manager && (
          <a key="st" onClick={() => setSuspending(r)} data-testid={r.status === 'active' ? 'org-suspend' : 'org-reinstate'}>
            {r.status === 'active' ? t('org.suspend') : t('org.reinstate')}
          </a>
        ),
      ],
    },
  ];

  return (
    <>
      <ProTable<Org>
        rowKey="id"
        actionRef={ref}
        headerTitle={kind ? t('menu.providers') : t('menu.orgs')}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        request={request}
        toolBarRender={() => [
          manager && ops.has('createOrg') && (
            <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="org-new">
              {t('org.new')}
            </Button>
          ),
        ]}
      />
      <CreateOrgModal open={creating} kind={kind} onClose={() => setCreating(false)} onCreated={() => ref.current?.reload()} />
      <ReasonModal
        title={suspending?.status === 'suspended' ? t('org.reinstate') : t('org.suspend')}
        open={!!suspending}
        id="org-reason"
        onClose={() => setSuspending(null)}
        extra={suspending && <Typography.Paragraph strong>{suspending.name}</Typography.Paragraph>}
        onSubmit={async (reason) => {
          const init = { params: { path: { id: suspending!.id } }, body: { reason } };
          if (suspending!.status === 'active') await client.POST('/api/v1/orgs/{id}/suspend', init);
          else await client.POST('/api/v1/orgs/{id}/reinstate', init);
          ref.current?.reload();
        }}
      />
      <Drawer
        width={760}
        open={!!accountsOf}
        onClose={() => setAccountsOf(null)}
        title={accountsOf && `${accountsOf.name} · ${t('org.accounts')}`}
        destroyOnHidden
      >
        {accountsOf && <OrgAccounts org={accountsOf} />}
      </Drawer>
      <Drawer
        width={820}
        open={!!approvalsOf}
        onClose={() => setApprovalsOf(null)}
        title={approvalsOf && `${approvalsOf.name} · ${t('org.approvals')}`}
        destroyOnHidden
      >
        {approvalsOf && <ProviderApprovals org={approvalsOf} />}
      </Drawer>
    </>
  );
}

function CreateOrgModal({ open, kind, onClose, onCreated }: { open: boolean; kind?: 'provider'; onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const districts = useDistricts();
  return (
    <ModalForm<{
      kind: OrgKind;
      name: string;
      uscc: string;
      districtCode: string;
      providerKind?: string;
      address?: string;
      contactName?: string;
      contactPhone?: string;
    }>
      title={t('org.new')}
      open={open}
      onOpenChange={(o) => !o && onClose()}
      modalProps={{ destroyOnHidden: true }}
      initialValues={{ kind: kind ?? 'provider', districtCode: me.role === 'district_admin' ? (me.districtCode ?? undefined) : undefined }}
      onFinish={async (v) => {
        const body = {
          kind: v.kind,
          name: v.name.trim(),
          uscc: v.uscc.trim().toUpperCase(),
          districtCode: v.districtCode,
          providerKind: v.kind === 'provider' ? (v.providerKind as BodyOf<'/api/v1/orgs'>['providerKind']) : null,
          address: v.address?.trim() || null,
          contactName: v.contactName?.trim() || null,
          contactPhone: v.contactPhone?.trim() || null,
        };
        try {
          await client.POST('/api/v1/orgs', { body });
          message.success(t('common.saved'));
          onCreated();
          onClose();
          return true;
        } catch (e) {
          message.error(errorText(e));
          return false;
        }
      }}
    >
      <ProFormSelect
        name="kind"
        label={t('org.kind')}
        disabled={!!kind}
        rules={[{ required: true }]}
        options={(['provider', 'enterprise', 'assessor'] as const).map((k) => ({ value: k, label: t(`org.kind.${k}`) }))}
      />
      <ProFormText name="name" label={t('common.name')} fieldProps={{ id: 'org-name' }} rules={[{ required: true, whitespace: true }]} />
      <ProFormText name="uscc" label={t('org.uscc')} fieldProps={{ id: 'org-uscc', maxLength: 18 }} rules={[{ required: true, len: 18 }]} />
      <ProFormSelect
        name="districtCode"
        label={t('common.district')}
        disabled={me.role === 'district_admin'}
        rules={[{ required: true }]}
        showSearch
        options={districts.map((d) => ({ value: d.code, label: d.name }))}
      />
      <ProFormDependency name={['kind']}>
        {({ kind: k }) =>
          k === 'provider' && (
            <ProFormSelect
              name="providerKind"
              label={t('org.providerKind')}
              rules={[{ required: true }]}
              options={PROVIDER_KINDS.map((p) => ({ value: p, label: t(`org.providerKind.${p}`) }))}
            />
          )
        }
      </ProFormDependency>
      <ProFormText name="address" label={t('org.address')} />
      <ProFormText name="contactName" label={t('org.contactName')} />
      <ProFormText name="contactPhone" label={t('org.contactPhone')} />
    </ModalForm>
  );
}

/** The staff accounts of an organisation; managers add one, a city admin disables, enables or unlocks. */
function OrgAccounts({ org }: { org: Org }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me, ops } = useSession();
  const ref = useRef<ActionType>(undefined);
  const [open, setOpen] = useState(false);
  const request = useTableRequest<Account>((_p, page) => getList('/api/v1/orgs/{id}/accounts', page, { path: { id: org.id } }));
  const canEdit = me.role === 'city_admin' && ops.has('updateAccount');
  const update = async (a: Account, body: { status?: 'active' | 'disabled'; unlock?: boolean }) => {
    try {
      await client.PATCH('/api/v1/accounts/{id}', { params: { path: { id: a.id } }, body });
      message.success(t('common.saved'));
      ref.current?.reload();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <>
      <ProTable<Account>
        rowKey="id"
        actionRef={ref}
        search={false}
        options={false}
        size="small"
        pagination={{ defaultPageSize: 10 }}
        request={request}
        data-testid="org-account-table"
        toolBarRender={() => [
          (me.role === 'city_admin' || me.role === 'district_admin') && (
            <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="account-new">
              {t('org.newAccount')}
            </Button>
          ),
        ]}
        columns={[
          { title: t('signin.username'), dataIndex: 'username' },
          { title: t('org.displayName'), dataIndex: 'displayName' },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (_, a) => (
              <Space size={4}>
                <StatusTag status={a.status} />
                {a.locked && <Tag color="red">{t('org.locked')}</Tag>}
                {a.totpEnabled && <Tag>TOTP</Tag>}
              </Space>
            ),
          },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: (_, a) => date(a.createdAt) },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  valueType: 'option' as const,
                  render: (_: unknown, a: Account) => [
                    <a key="s" onClick={() => void update(a, { status: a.status === 'active' ? 'disabled' : 'active' })}>
                      {a.status === 'active' ? t('org.disable') : t('org.enable')}
                    </a>,
                    a.locked && (
                      <a key="u" onClick={() => void update(a, { unlock: true })}>
                        {t('org.unlock')}
                      </a>
                    ),
                  ],
                },
              ]
            : []),
        ]}
      />
      <ModalForm<{ username: string; displayName: string; password: string }>
        title={t('org.newAccount')}
        open={open}
        onOpenChange={setOpen}
        modalProps={{ destroyOnHidden: true }}
        onFinish={async (v) => {
          try {
            await client.POST('/api/v1/orgs/{id}/accounts', {
              params: { path: { id: org.id } },
              body: { username: v.username.trim(), displayName: v.displayName.trim(), password: v.password },
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
        <ProFormText
          name="username"
          label={t('signin.username')}
          fieldProps={{ id: 'account-username' }}
          rules={[{ required: true, pattern: /^[a-z0-9_.@-]{3,64}$/, message: t('org.usernameRule') }]}
        />
        <ProFormText name="displayName" label={t('org.displayName')} fieldProps={{ id: 'account-display' }} rules={[{ required: true, whitespace: true }]} />
        <ProFormText.Password
          name="password"
          label={t('signin.password')}
          fieldProps={{ id: 'account-password', autoComplete: 'new-password' }}
          rules={[{ required: true }]}
        />
      </ModalForm>
    </>
  );
}

/** A provider's approvals: the programme and occupation it may train for; granted and withdrawn by an admin. */
function ProviderApprovals({ org }: { org: Org }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const programmes = useProgrammes();
  const [rows, setRows] = useState<Approval[] | null>(null);
  const [revoking, setRevoking] = useState<Approval | null>(null);
  const [form] = Form.useForm<{ programmeId: string; occupationCode: string }>();
  const { message } = App.useApp();
  const manager = me.role === 'city_admin' || me.role === 'district_admin';
  const load = useCallback(
    () =>
      ok(client.GET('/api/v1/providers/{id}/approvals', { params: { path: { id: org.id } } })).then(
        (r) => setRows(r.items),
        (e) => {
          message.error(errorText(e));
          setRows([]);
        },
      ),
    [org.id, message],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const grant = async (v: { programmeId: string; occupationCode: string }) => {
    try {
      await client.POST('/api/v1/providers/{id}/approvals', {
        params: { path: { id: org.id } },
        body: { programmeId: v.programmeId, occupationCode: v.occupationCode },
      });
      message.success(t('common.saved'));
      form.resetFields();
      await load();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const programmeName = (id: string) => programmes.find((p) => p.id === id)?.name ?? id;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('org.uscc')}>{org.uscc}</Descriptions.Item>
        <Descriptions.Item label={t('common.status')}>
          <StatusTag status={org.status} />
        </Descriptions.Item>
      </Descriptions>
      {manager && (
        <Form form={form} layout="inline" onFinish={grant} data-testid="approval-form">
          <Form.Item name="programmeId" label={t('common.programme')} rules={[{ required: true }]}>
            <Select id="approval-programme" style={{ minWidth: 220 }} options={programmes.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
          <Form.Item name="occupationCode" label={t('common.occupation')} rules={[{ required: true }]} style={{ minWidth: 280 }}>
            <OccupationSelect id="approval-occupation" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" data-testid="approval-grant">
              {t('org.grant')}
            </Button>
          </Form.Item>
        </Form>
      )}
      <Table<Approval>
        size="small"
        rowKey="id"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        data-testid="approvals"
        columns={[
          { title: t('common.programme'), dataIndex: 'programmeId', render: (v: string) => programmeName(v) },
          {
            title: t('common.occupation'),
            dataIndex: 'occupationCode',
            render: (v: string | null) => (v ? <OccupationLabel code={v} /> : t('org.allOccupations')),
          },
          { title: t('org.grantedAt'), dataIndex: 'grantedAt', render: (v: string) => dateTime(v) },
          {
            title: t('common.status'),
            render: (_, a) =>
              a.revokedAt ? (
                <Space direction="vertical" size={0}>
                  <StatusTag status="revoked" />
                  <Typography.Text type="secondary">
                    {date(a.revokedAt)} {a.revokeReason}
                  </Typography.Text>
                </Space>
              ) : (
                <StatusTag status="active" />
              ),
          },
          ...(manager
            ? [
                {
                  title: t('common.actions'),
                  render: (_: unknown, a: Approval) =>
                    !a.revokedAt && (
                      <a onClick={() => setRevoking(a)} data-testid="approval-revoke">
                        {t('org.withdrawApproval')}
                      </a>
                    ),
                },
              ]
            : []),
        ]}
      />
      <ReasonModal
        title={t('org.withdrawApproval')}
        open={!!revoking}
        id="approval-reason"
        onClose={() => setRevoking(null)}
        onSubmit={async (reason) => {
          await client.POST('/api/v1/providers/{id}/approvals/{approvalId}/revoke', {
            params: { path: { id: org.id, approvalId: revoking!.id } },
            body: { reason },
          });
          await load();
        }}
      />
    </Space>
  );
}
