/**
 * 工伤认定 for officers and employers: the recognitions in scope with the eligibility of each; the district
 * officer enters one, imports a sheet (per-row errors, template) or syncs from the district system (simulator);
 * the employer applies on an employee's behalf (the worker then confirms).
 */
import { useRef, useState } from 'react';
import {
  ProTable,
  ModalForm,
  ProFormDatePicker,
  ProFormSelect,
  ProFormText,
  ProFormTextArea,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { App, Button, Drawer, Modal, Table, Typography, Upload } from 'antd';
import { CloudSyncOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { client, download, getList, ok, upload, type BodyOf, type Schemas } from '../../lib/api';
import { errorText } from '../../i18n';
import { formQuery, useTableRequest } from '../../lib/table';
import { searchColumn } from '../../lib/OfficerList';
import { date } from '../../lib/format';
import { districtName, useDistricts } from '../../lib/data';
import { useSession } from '../../lib/session';
import { navigate } from '../../lib/router';
import { ApplyForm } from './ApplyForm';
import { conditionName, conditionOptions, EligibilityView, type Recognition } from './shared';

type ImportReport = Schemas['RecognitionImportReport'];
type NewRecognition = BodyOf<'/api/v1/rehab/recognitions'>;

const COLUMN_LABELS: Record<string, string> = {
  decisionNumber: 'rehab.rec.number',
  idNumber: 'rehab.rec.idNumber',
  name: 'common.name',
  employerUscc: 'rehab.rec.employerUscc',
  employerName: 'rehab.rec.employer',
  districtCode: 'common.district',
  injuryDate: 'rehab.rec.injuryDate',
  decisionDate: 'rehab.rec.decisionDate',
  kind: 'rehab.rec.kind',
  diagnosis: 'rehab.rec.diagnosis',
  icd10: 'rehab.rec.icd10',
  conditionCode: 'rehab.rec.condition',
  leaveStart: 'rehab.rec.leaveStart',
  leaveEnd: 'rehab.rec.leaveEnd',
};

function ImportReportModal({ report, onClose }: { report: ImportReport | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Modal open={!!report} title={t('rehab.rec.import')} onCancel={onClose} onOk={onClose} width={760} cancelButtonProps={{ style: { display: 'none' } }}>
      {report && (
        <>
          <Typography.Paragraph data-testid="import-summary">{t('rehab.rec.importResult', { ...report })}</Typography.Paragraph>
          {report.errors.length > 0 && (
            <Table
              size="small"
              rowKey={(r) => `${r.line}-${r.field}-${r.code}`}
              dataSource={report.errors}
              pagination={{ pageSize: 10 }}
              data-testid="row-errors"
              columns={[
                { title: t('persons.row'), dataIndex: 'line', width: 70 },
                { title: t('common.field'), dataIndex: 'field', width: 160, render: (f: string) => (COLUMN_LABELS[f] ? t(COLUMN_LABELS[f]) : '—') },
                { title: t('common.reason'), render: (_, r) => (i18n.exists(`error.${r.code}`) ? t(`error.${r.code}`) : r.message) },
              ]}
            />
          )}
        </>
      )}
    </Modal>
  );
}

function NewRecognitionForm({ onSaved, districtCode }: { onSaved: () => void; districtCode?: string | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const districts = useDistricts();
  return (
    <ModalForm<NewRecognition>
      title={t('rehab.rec.add')}
      trigger={
        <Button type="primary" icon={<PlusOutlined />} data-testid="rehab-rec-add">
          {t('rehab.rec.add')}
        </Button>
      }
      modalProps={{ destroyOnHidden: true }}
      grid
      initialValues={{ districtCode: districtCode ?? undefined, kind: 'recognised' }}
      onFinish={async (v) => {
        try {
          await ok(client.POST('/api/v1/rehab/recognitions', { body: { ...v, status: 'final' } }));
          message.success(t('common.saved'));
          onSaved();
          return true;
        } catch (e) {
          message.error(errorText(e));
          return false;
        }
      }}
    >
      <ProFormText name="decisionNumber" label={t('rehab.rec.number')} colProps={{ span: 12 }} rules={[{ required: true }]} />
      <ProFormSelect
        name="kind"
        label={t('rehab.rec.kind')}
        colProps={{ span: 12 }}
        options={['recognised', 'deemed'].map((k) => ({ value: k, label: t(`rehab.kind.${k}`) }))}
        rules={[{ required: true }]}
      />
      <ProFormText name="name" label={t('rehab.rec.person')} colProps={{ span: 12 }} rules={[{ required: true }]} />
      <ProFormText name="idNumber" label={t('rehab.rec.idNumber')} colProps={{ span: 12 }} rules={[{ required: true, len: 18 }]} />
      <ProFormText name="employerName" label={t('rehab.rec.employer')} colProps={{ span: 12 }} rules={[{ required: true }]} />
      <ProFormText name="employerUscc" label={t('rehab.rec.employerUscc')} colProps={{ span: 12 }} />
      <ProFormSelect
        name="districtCode"
        label={t('common.district')}
        colProps={{ span: 12 }}
        options={districts.map((d) => ({ value: d.code, label: d.name }))}
        rules={[{ required: true }]}
      />
      <ProFormSelect name="conditionCode" label={t('rehab.rec.condition')} colProps={{ span: 12 }} options={conditionOptions(t)} />
      <ProFormText name="diagnosis" label={t('rehab.rec.diagnosis')} colProps={{ span: 12 }} rules={[{ required: true }]} />
      <ProFormText name="icd10" label={t('rehab.rec.icd10')} colProps={{ span: 12 }} />
      <ProFormDatePicker
        name="injuryDate"
        label={t('rehab.rec.injuryDate')}
        colProps={{ span: 6 }}
        rules={[{ required: true }]}
        fieldProps={{ format: 'YYYY-MM-DD' }}
      />
      <ProFormDatePicker
        name="decisionDate"
        label={t('rehab.rec.decisionDate')}
        colProps={{ span: 6 }}
        rules={[{ required: true }]}
        fieldProps={{ format: 'YYYY-MM-DD' }}
      />
      <ProFormDatePicker
        name="leaveStart"
        label={t('rehab.rec.leaveStart')}
        colProps={{ span: 6 }}
        rules={[{ required: true }]}
        fieldProps={{ format: 'YYYY-MM-DD' }}
      />
      <ProFormDatePicker
        name="leaveEnd"
        label={t('rehab.rec.leaveEnd')}
        colProps={{ span: 6 }}
        rules={[{ required: true }]}
        fieldProps={{ format: 'YYYY-MM-DD' }}
      />
    </ModalForm>
  );
}

/** The district officer extends the paid injury-leave period (停工留薪期) with a reason. */
function ExtendLeave({ r, onSaved }: { r: Recognition; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <ModalForm<{ until: string; reason: string }>
      title={`${t('rehab.rec.extendLeave')} · ${r.personName}`}
      trigger={<a data-testid="rehab-extend-leave">{t('rehab.rec.extendLeave')}</a>}
      modalProps={{ destroyOnHidden: true }}
      width={420}
      onFinish={async (v) => {
        try {
          await ok(client.POST('/api/v1/rehab/recognitions/{id}/leave-extensions', { params: { path: { id: r.id } }, body: v }));
          message.success(t('common.saved'));
          onSaved();
          return true;
        } catch (e) {
          message.error(errorText(e));
          return false;
        }
      }}
    >
      <Typography.Paragraph type="secondary">
        {t('rehab.rec.leave')} {date(r.leaveStart)} ~ {date(r.effectiveLeaveEnd)}
      </Typography.Paragraph>
      <ProFormDatePicker name="until" label={t('rehab.rec.extendUntil')} rules={[{ required: true }]} fieldProps={{ format: 'YYYY-MM-DD' }} />
      <ProFormTextArea name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 300 }} />
    </ModalForm>
  );
}

function columnsFor(t: TFunction, districts: ReturnType<typeof useDistricts>, act: (r: Recognition) => React.ReactNode): ProColumns<Recognition>[] {
  return [
    searchColumn<Recognition>(t, t('rehab.rec.searchHint')),
    { title: t('rehab.rec.number'), dataIndex: 'decisionNumber', search: false },
    { title: t('rehab.rec.person'), search: false, render: (_, r) => `${r.personName} ${r.idNumber}` },
    { title: t('rehab.rec.employer'), dataIndex: 'employerName', search: false, ellipsis: true },
    {
      title: t('common.district'),
      dataIndex: 'districtCode',
      valueType: 'select',
      fieldProps: { options: districts.map((d) => ({ value: d.code, label: d.name })) },
      render: (_, r) => districtName(districts, r.districtCode),
    },
    { title: t('rehab.rec.kind'), search: false, render: (_, r) => t(`rehab.kind.${r.kind}`) },
    { title: t('rehab.rec.condition'), search: false, render: (_, r) => conditionName(t, r.conditionCode) },
    { title: t('rehab.rec.leave'), search: false, render: (_, r) => `${date(r.leaveStart)} ~ ${date(r.effectiveLeaveEnd)}` },
    { title: t('rehab.rec.source'), search: false, render: (_, r) => t(`rehab.source.${r.source}`) },
    { title: t('rehab.rec.eligibility'), search: false, width: 280, render: (_, r) => <EligibilityView e={r.eligibility} /> },
    { title: t('common.actions'), search: false, render: (_, r) => act(r) },
  ];
}

export function RecognitionsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { message } = App.useApp();
  const districts = useDistricts();
  const ref = useRef<ActionType>(undefined);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [applying, setApplying] = useState<Recognition | null>(null);
  const officer = me.role === 'district_admin' || me.role === 'city_admin';
  const request = useTableRequest<Recognition>(async (params, page) => {
    const q = formQuery(params);
    return getList('/api/v1/rehab/recognitions', { districtCode: q.districtCode, q: q.q, ...page });
  });
  const importFile = async (file: File) => {
    try {
      setReport(await upload('/api/v1/rehab/recognitions/import', file));
      ref.current?.reload();
    } catch (e) {
      message.error(errorText(e));
    }
    return false;
  };
  const sync = async () => {
    try {
      setReport(await ok(client.POST('/api/v1/rehab/recognitions/sync', { body: {} })));
      ref.current?.reload();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const act = (r: Recognition) => {
    if (officer) return <ExtendLeave r={r} onSaved={() => ref.current?.reload()} />;
    return me.role === 'enterprise' && r.eligibility.eligible ? (
      <a onClick={() => setApplying(r)} data-testid="rehab-apply-for">
        {t('rehab.rec.applyFor')}
      </a>
    ) : null;
  };
  const toolbar = officer
    ? [
        <NewRecognitionForm key="add" onSaved={() => ref.current?.reload()} districtCode={me.districtCode} />,
        <Button
          key="tpl"
          icon={<DownloadOutlined />}
          onClick={() =>
            void download('/api/v1/rehab/recognitions/template.xlsx', {}, 'injury-recognitions-template.xlsx').catch((e) => message.error(errorText(e)))
          }
        >
          {t('common.template')}
        </Button>,
        <Upload key="imp" accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => importFile(f)}>
          <Button icon={<UploadOutlined />} data-testid="rehab-rec-import">
            {t('rehab.rec.import')}
          </Button>
        </Upload>,
        <Button key="sync" icon={<CloudSyncOutlined />} onClick={() => void sync()} data-testid="rehab-rec-sync">
          {t('rehab.rec.sync')}
        </Button>,
      ]
    : [];
  return (
    <>
      <ProTable<Recognition>
        rowKey="id"
        actionRef={ref}
        headerTitle={t('menu.rehabRecognitions')}
        columns={columnsFor(t, districts, act)}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20 }}
        request={request}
        toolBarRender={() => toolbar}
        scroll={{ x: 1300 }}
      />
      <ImportReportModal report={report} onClose={() => setReport(null)} />
      <Drawer open={!!applying} width={560} title={t('rehab.rec.applyFor')} onClose={() => setApplying(null)} destroyOnHidden>
        {applying && (
          <>
            <Typography.Paragraph>
              {applying.personName} · {applying.decisionNumber} · {applying.diagnosis}
            </Typography.Paragraph>
            <ApplyForm
              recognition={applying}
              onDone={(c) => {
                message.success(t('rehab.f.submittedEmployer'));
                setApplying(null);
                navigate(`/rehab/cases/${c.id}`);
              }}
            />
          </>
        )}
      </Drawer>
    </>
  );
}
