import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Modal, Space, Table, Tag, Upload, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../lib/router';
import { download, getList, upload as uploadFile, type ResponseOf, type Schemas } from '../../lib/api';
import { ExportExcelButton } from '../../lib/OfficerList';
import { errorText } from '../../i18n';
import { date } from '../../lib/format';
import { districtName, useDistricts } from '../../lib/data';
import { useSession } from '../../lib/session';

export type PersonView = Schemas['PersonView'];
type ImportReport = ResponseOf<'/api/v1/persons/import', 'post'>;

const CATEGORIES = [
  'registered_unemployed',
  'xiebao',
  'former_rural_surplus',
  'disabled',
  'veteran_5y',
  'employed',
  'college_graduating',
  'secondary_vocational_graduating',
];

type Filters = { name?: string; idNumber?: string; phone?: string; districtCode?: string; category?: string };

/** The search's filters as the API takes them (the list and its Excel export alike). */
const personQuery = (f: Filters) => ({
  name: f.name?.trim(),
  idNumber: f.idNumber?.trim().toUpperCase(),
  phone: f.phone?.trim(),
  districtCode: f.districtCode,
  category: f.category,
});

export function PersonsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { me, ops } = useSession();
  const districts = useDistricts();
  const ref = useRef<ActionType>(undefined);
  const [filters, setFilters] = useState<Filters>({});
  const [report, setReport] = useState<ImportReport | null>(null);
  const canImport = (me.role === 'city_admin' || me.role === 'district_admin') && ops.has('importPersons');

  const columns: ProColumns<PersonView>[] = [
    { title: t('persons.name'), dataIndex: 'name', fieldProps: { placeholder: t('persons.name') } },
    {
      title: t('persons.idNumber'),
      dataIndex: 'idNumber',
      hideInTable: true,
      fieldProps: { placeholder: t('persons.idExactHint'), maxLength: 18 },
    },
    {
      title: t('persons.idNumber'),
      dataIndex: 'idNumberMasked',
      search: false,
      copyable: false,
      render: (_, r) => <Typography.Text code>{r.idNumberMasked}</Typography.Text>,
    },
    { title: t('persons.phone'), dataIndex: 'phone', hideInTable: true },
    { title: t('persons.phone'), dataIndex: 'phoneMasked', search: false },
    { title: t('persons.sex'), dataIndex: 'sex', search: false, render: (_, r) => t(`persons.sex.${r.sex}`) },
    { title: t('persons.birthDate'), dataIndex: 'birthDate', search: false, render: (_, r) => date(r.birthDate) },
    {
      title: t('common.district'),
      dataIndex: 'districtCode',
      valueType: 'select',
      hideInSearch: me.role === 'district_admin',
      fieldProps: { options: districts.map((d) => ({ value: d.code, label: d.name })), showSearch: true },
      render: (_, r) => districtName(districts, r.districtCode),
    },
    { title: t('persons.hukou'), dataIndex: 'hukou', search: false, render: (_, r) => t(`persons.hukou.${r.hukou}`) },
    {
      title: t('persons.categories'),
      dataIndex: 'category',
      valueType: 'select',
      fieldProps: { options: CATEGORIES.map((c) => ({ value: c, label: t(`cat.${c}`) })) },
      render: (_, r) => (
        <Space size={[0, 4]} wrap>
          {r.categories.map((c) => (
            <Tag key={c}>{i18n.exists(`cat.${c}`) ? t(`cat.${c}`) : c}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('persons.bank'), dataIndex: 'bankAccountMasked', search: false, render: (_, r) => r.bankAccountMasked ?? '—' },
    { title: t('persons.employer'), dataIndex: 'employerName', search: false, ellipsis: true, render: (_, r) => r.employerName ?? '—' },
    ...(ops.has('getPersonRecord')
      ? [
          {
            title: t('record.column'),
            dataIndex: 'record',
            search: false as const,
            render: (_: unknown, r: PersonView) => (
              <a
                href={`/persons/${r.id}/record`}
                data-testid="person-record"
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/persons/${r.id}/record`);
                }}
              >
                {t('record.open')}
              </a>
            ),
          },
        ]
      : []),
  ];

  const query = (f: Filters, limit: number, offset: number) => getList('/api/v1/persons', { ...personQuery(f), limit, offset });

  const upload = async (file: File) => {
    try {
      const r = await uploadFile('/api/v1/persons/import', file);
      setReport(r);
      ref.current?.reload();
    } catch (e) {
      message.error(errorText(e));
    }
    return false;
  };

  return (
    <>
      <ProTable<PersonView, Filters>
        rowKey="id"
        actionRef={ref}
        headerTitle={t('menu.persons')}
        columns={columns}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ density: false, setting: true, reload: true }}
        request={async (params) => {
          const { current = 1, pageSize = 20, ...f } = params as Filters & { current?: number; pageSize?: number };
          setFilters(f);
          try {
            const r = await query(f, pageSize, (current - 1) * pageSize);
            return { data: r.items, total: r.total, success: true };
          } catch (e) {
            message.error(errorText(e));
            return { data: [], total: 0, success: false };
          }
        }}
        toolBarRender={() => [
          canImport && (
            <Button
              key="tpl"
              icon={<DownloadOutlined />}
              onClick={() => download('/api/v1/persons/import-template', {}, 'persons-import-template.xlsx').catch((e) => message.error(errorText(e)))}
            >
              {t('common.template')}
            </Button>
          ),
          canImport && (
            <Upload key="imp" accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => upload(f)}>
              <Button icon={<UploadOutlined />}>{t('persons.import')}</Button>
            </Upload>
          ),
          <ExportExcelButton key="exp" path="/api/v1/persons/export.xlsx" query={() => personQuery(filters)} fileName="persons.xlsx" />,
        ]}
      />
      <ImportReportModal report={report} onClose={() => setReport(null)} title={t('persons.import')} />
    </>
  );
}

export function ImportReportModal({ report, onClose, title }: { report: ImportReport | null; onClose: () => void; title: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Modal open={!!report} title={title} onCancel={onClose} onOk={onClose} width={760} cancelButtonProps={{ style: { display: 'none' } }}>
      {report && (
        <>
          <Typography.Paragraph data-testid="import-summary">{t('persons.importResult', { ...report })}</Typography.Paragraph>
          {report.errors.length > 0 && (
            <Table
              size="small"
              rowKey={(r) => `${r.row}-${r.field}-${r.code}`}
              dataSource={report.errors}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: t('persons.row'), dataIndex: 'row', width: 70 },
                { title: t('common.field'), dataIndex: 'field', width: 140 },
                { title: t('common.reason'), render: (_, r) => (i18n.exists(`error.${r.code}`) ? t(`error.${r.code}`) : r.message) },
              ]}
            />
          )}
        </>
      )}
    </Modal>
  );
}
