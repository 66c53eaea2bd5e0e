/**
 * 康复申请与住院 for staff: the cases in scope (employer: its employees'; district: its district's; committee: the
 * queue; hospital: those placed at it), and one case's page with what each role does there.
 */
import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, Button, Card, Col, Row, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ProgressSteps } from '../timeline/Progress';
import { getList } from '../../lib/api';
import { formQuery, useTableRequest } from '../../lib/table';
import { date } from '../../lib/format';
import { districtName, useDistricts } from '../../lib/data';
import { useSession } from '../../lib/session';
import { navigate } from '../../lib/router';
import { useRehabCase } from './Worker';
import { CommitteePanel } from './Decide';
import { EmployerPanel, HospitalPanel, VoucherPanel } from './CaseActions';
import {
  Attachments,
  CaseFacts,
  CaseStatusTag,
  CaseTimeline,
  CASE_STATES,
  conditionName,
  Decisions,
  ExtensionNotice,
  useHospitals,
  type RehabCaseItem,
} from './shared';

/** What an empty list tells each role to expect and do. */
const EMPTY: Record<string, string> = {
  committee: 'rehab.none.committee',
  hospital: 'rehab.none.hospital',
  district_admin: 'rehab.none.district',
  city_admin: 'rehab.none.district',
  enterprise: 'rehab.none.enterprise',
};

/** What a case may wait for besides its status (the workbench's rehab to-dos). */
const PENDING = ['extension', 'voucher'] as const;

export function RehabCasesPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const districts = useDistricts();
  const hospitals = useHospitals();
  const ref = useRef<ActionType>(undefined);
  const [preset] = useState(() => new URLSearchParams(location.search));
  const request = useTableRequest<RehabCaseItem>(async (params, page) => {
    const q = formQuery(params);
    return getList('/api/v1/rehab/cases', { status: q.status, districtCode: q.districtCode, hospitalId: q.hospitalId, pending: q.pending, ...page });
  });
  const columns: ProColumns<RehabCaseItem>[] = [
    {
      title: t('rehab.case.person'),
      search: false,
      render: (_, r) => (
        <a onClick={() => navigate(`/rehab/cases/${r.id}`)} data-testid="rehab-case-link">
          {r.personName}
        </a>
      ),
    },
    { title: t('rehab.case.number'), dataIndex: 'recognitionNumber', search: false },
    { title: t('rehab.rec.employer'), dataIndex: 'employerName', search: false, ellipsis: true },
    { title: t('rehab.case.condition'), search: false, render: (_, r) => conditionName(t, r.conditionCode) },
    {
      title: t('common.district'),
      dataIndex: 'districtCode',
      valueType: 'select',
      hideInSearch: me.role === 'district_admin',
      fieldProps: { options: districts.map((d) => ({ value: d.code, label: d.name })) },
      render: (_, r) => districtName(districts, r.districtCode),
    },
    {
      title: t('rehab.case.hospital'),
      dataIndex: 'hospitalId',
      valueType: 'select',
      hideInSearch: me.role === 'hospital',
      // a hospital's own list: every case is placed at it, the column would only repeat its name
      hideInTable: me.role === 'hospital',
      fieldProps: { options: hospitals.map((h) => ({ value: h.id, label: h.name })) },
      render: (_, r) => r.hospitalName ?? '—',
    },
    { title: t('rehab.case.appliedAt'), search: false, render: (_, r) => date(r.appliedAt) },
    {
      title: t('common.status'),
      dataIndex: 'status',
      valueType: 'select',
      // the workbench's links preset the filter (?status=submitted)
      initialValue: preset.get('status') ?? undefined,
      fieldProps: { options: CASE_STATES.map((s) => ({ value: s, label: t(`rehab.status.${s}`) })) },
      render: (_, r) => <CaseStatusTag status={r.status} />,
    },
    {
      title: t('rehab.pending'),
      dataIndex: 'pending',
      valueType: 'select',
      hideInTable: true,
      hideInSearch: me.role === 'hospital',
      initialValue: preset.get('pending') ?? undefined,
      fieldProps: { options: PENDING.map((p) => ({ value: p, label: t(`rehab.pending.${p}`) })) },
    },
  ];
  return (
    <ProTable<RehabCaseItem>
      rowKey="id"
      actionRef={ref}
      headerTitle={t('menu.rehabCases')}
      columns={columns}
      // every filter shown: a filter preset by a workbench link is visible, not folded away
      search={{ labelWidth: 'auto', defaultCollapsed: false }}
      pagination={{ defaultPageSize: 20 }}
      locale={{ emptyText: <span data-testid="rehab-cases-empty">{t(EMPTY[me.role] ?? 'rehab.none')}</span> }}
      request={request}
    />
  );
}

export function RehabCasePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const { c, error, reload } = useRehabCase(id);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!c) return <Skeleton active />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/rehab/cases')}>
          {t('common.back')}
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {c.personName} · {conditionName(t, c.conditionCode)}
        </Typography.Title>
        <CaseStatusTag status={c.status} />
      </Space>
      <ExtensionNotice c={c} />
      {(me.role === 'committee' || me.role === 'city_admin' || me.role === 'auditor') && <CommitteePanel c={c} onDecided={reload} />}
      {me.role === 'hospital' && <HospitalPanel c={c} reload={reload} />}
      {(me.role === 'district_admin' || me.role === 'city_admin') && <VoucherPanel c={c} reload={reload} />}
      {me.role === 'enterprise' && <EmployerPanel c={c} reload={reload} />}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card size="small">
            <CaseFacts c={c} />
          </Card>
          {c.decisions.length > 0 && (
            <Card size="small" title={t('rehab.case.decisions')} style={{ marginTop: 16 }}>
              <Decisions c={c} />
            </Card>
          )}
          <Card size="small" title={t('rehab.case.attachments')} style={{ marginTop: 16 }}>
            <Attachments c={c} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('tl.title')} style={{ marginBottom: 16 }} data-testid="rehab-steps">
            <ProgressSteps kind="rehab" id={c.id} version={`${c.status}:${c.timeline.length}`} />
          </Card>
          <Card size="small" title={t('rehab.case.timeline')}>
            <CaseTimeline c={c} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
