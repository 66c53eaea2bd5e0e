import { useEffect, useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Radio, Space, Table, Tag, Timeline, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../lib/api';
import { formQuery, useTableRequest } from '../../lib/table';
import { errorText } from '../../i18n';
import { date, dateTime, fen } from '../../lib/format';
import { districtName, useDistricts, useProgrammes } from '../../lib/data';
import { useSession } from '../../lib/session';
import { StatusTag } from '../../lib/ui';

export interface Claim {
  id: string;
  number: string;
  voucherId: string;
  programmeId: string;
  districtCode: string | null;
  year: number;
  occupationCode: string;
  level: number;
  standardFen: number;
  upliftPct: number;
  ratioPct: number;
  feeFen: number;
  amountFen: number;
  status: string;
  rules: Array<{ rule: string; passed: boolean; reason: string }>;
  failedRules: string[];
  payee: { kind: string; name: string | null; accountMasked: string | null; bankName: string | null };
  notice: { publishedAt: string | null; lastDay: string | null; ended: boolean };
  decision: { by: string | null; at: string | null; opinion: string | null };
  failReason: string | null;
  attempt: number;
  createdAt: string;
}
interface ClaimDetail extends Claim {
  events: Array<{ from: string | null; to: string; at: string; reason: string | null }>;
}

const STATES = ['in_review', 'approved', 'held', 'rejected', 'in_batch', 'paid', 'failed'];

export function ClaimsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const districts = useDistricts();
  const programmes = useProgrammes();
  const ref = useRef<ActionType>(undefined);
  const request = useTableRequest<Claim>((params, page) => {
    const q = formQuery(params);
    return api.get<Page<Claim>>('/subsidy/claims', { status: q.status, districtCode: q.districtCode, ...page });
  });
  const [open, setOpen] = useState<string | null>(null);

  const columns: ProColumns<Claim>[] = [
    { title: t('claim.number'), dataIndex: 'number', search: false, render: (_, r) => <a onClick={() => setOpen(r.id)}>{r.number}</a> },
    { title: t('common.programme'), dataIndex: 'programmeId', search: false, render: (_, r) => programmes.find((p) => p.id === r.programmeId)?.name ?? '—' },
    { title: t('common.occupation'), dataIndex: 'occupationCode', search: false, render: (_, r) => `${r.occupationCode} · ${t(`level.${r.level}`)}` },
    {
      title: t('common.district'),
      dataIndex: 'districtCode',
      valueType: 'select',
      hideInSearch: me.role === 'district_admin',
      fieldProps: { options: districts.map((d) => ({ value: d.code, label: d.name })) },
      render: (_, r) => districtName(districts, r.districtCode),
    },
    { title: t('claim.payee'), search: false, render: (_, r) => `${r.payee.name ?? '—'} ${r.payee.accountMasked ?? ''}` },
    { title: t('common.amount'), dataIndex: 'amountFen', search: false, align: 'right', render: (_, r) => fen(r.amountFen) },
    {
      title: t('common.status'),
      dataIndex: 'status',
      valueType: 'select',
      initialValue: 'in_review',
      fieldProps: { options: STATES.map((s) => ({ value: s, label: t(`status.${s}`) })) },
      render: (_, r) => <StatusTag status={r.status} />,
    },
    {
      title: t('claim.failed'),
      search: false,
      render: (_, r) =>
        r.failedRules.map((x) => (
          <Tag key={x} color="orange">
            {t(`rule.${x}`, { defaultValue: x })}
          </Tag>
        )),
    },
  ];

  return (
    <>
      <ProTable<Claim>
        rowKey="id"
        actionRef={ref}
        headerTitle={t('menu.claims')}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20 }}
        request={request}
      />
      <ClaimDrawer id={open} onClose={() => setOpen(null)} onDecided={() => ref.current?.reload()} />
    </>
  );
}

function ClaimDrawer({ id, onClose, onDecided }: { id: string | null; onClose: () => void; onDecided: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const [c, setC] = useState<ClaimDetail | null>(null);
  const [busy, setBusy] = useState(false);
  const load = (x: string) => api.get<ClaimDetail>(`/subsidy/claims/${x}`).then(setC, (e) => message.error(errorText(e)));
  useEffect(() => {
    setC(null);
    if (id) void load(id);
  }, [id]);
  const canDecide = (me.role === 'city_admin' || me.role === 'district_admin') && c && ['in_review', 'held'].includes(c.status);
  const decide = async (v: { decision: 'approve' | 'reject'; opinion: string }) => {
    if (!c) return;
    setBusy(true);
    try {
      await api.postOnce(`/subsidy/claims/${c.id}/decision`, { decision: v.decision, opinion: v.opinion.trim() });
      message.success(t('common.saved'));
      await load(c.id);
      onDecided();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open={!!id} onClose={onClose} width={680} title={c ? `${t('claim.number')} ${c.number}` : ''} destroyOnHidden>
      {c && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('common.status')}>
              <StatusTag status={c.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('common.amount')}>
              <Typography.Text strong>{fen(c.amountFen)}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('voucher.standard')}>{fen(c.standardFen)}</Descriptions.Item>
            <Descriptions.Item label={t('voucher.ratio')}>
              {c.ratioPct}%{c.upliftPct ? ` +${c.upliftPct}%` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('course.fee')}>{fen(c.feeFen)}</Descriptions.Item>
            <Descriptions.Item label={t('claim.payee')}>
              {t(`payee.${c.payee.kind}`, { defaultValue: c.payee.kind })} · {c.payee.name ?? '—'} {c.payee.bankName ?? ''} {c.payee.accountMasked ?? ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('claim.notice')}>
              {c.notice.lastDay ? `${date(c.notice.publishedAt)} ~ ${date(c.notice.lastDay)}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('claim.decision')}>{c.decision.opinion ? `${c.decision.opinion} (${dateTime(c.decision.at)})` : '—'}</Descriptions.Item>
            {c.failReason && <Descriptions.Item label={t('claim.failReason')}>{c.failReason}</Descriptions.Item>}
          </Descriptions>
          <Table
            size="small"
            rowKey="rule"
            pagination={false}
            dataSource={c.rules}
            title={() => t('claim.checks')}
            columns={[
              {
                title: '',
                width: 36,
                render: (_, r) => (r.passed ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />),
              },
              { title: t('claim.rule'), dataIndex: 'rule', render: (x: string) => t(`rule.${x}`, { defaultValue: x }) },
              { title: t('common.reason'), dataIndex: 'reason' },
            ]}
          />
          <div>
            <Typography.Title level={5}>{t('claim.timeline')}</Typography.Title>
            <Timeline
              items={c.events.map((e) => ({
                color: e.to === 'rejected' || e.to === 'failed' ? 'red' : e.to === 'paid' ? 'green' : 'blue',
                children: (
                  <>
                    <StatusTag status={e.to} /> <span className="page-note">{dateTime(e.at)}</span>
                    {e.reason && <div className="page-note">{e.reason}</div>}
                  </>
                ),
              }))}
            />
          </div>
          {canDecide && (
            <Form layout="vertical" onFinish={decide} initialValues={{ decision: 'approve' }}>
              {c.status === 'held' && <Alert type="warning" showIcon message={t('claim.heldNote')} style={{ marginBottom: 12 }} />}
              <Form.Item name="decision" label={t('claim.decision')}>
                <Radio.Group>
                  <Radio value="approve">{t('claim.approve')}</Radio>
                  <Radio value="reject">{t('claim.reject')}</Radio>
                </Radio.Group>
              </Form.Item>
              <Form.Item name="opinion" label={t('claim.opinion')} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea rows={3} maxLength={1000} id="claim-opinion" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="claim-decide">
                {t('common.submit')}
              </Button>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}
