/** 证书库: certificates recorded here and imported from assessment bodies; an assessment body imports its list (CSV / .xlsx). */
import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Table, Tag, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { getList, saveBlob, upload as uploadFile, type ItemOf, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { date, toCsv } from '../../lib/format';
import { OccupationLabel } from '../../lib/occupation';
import { useSession } from '../../lib/session';
import { useTableRequest } from '../../lib/table';

type Entry = ItemOf<'/api/v1/certificates'>;
type Report = ResponseOf<'/api/v1/certificates/import', 'post'>;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** The import sheet's columns as the server reads them (certificate-rules.ts CERTIFICATE_SHEET_COLUMNS), with a sample row. */
const template = () =>
  saveBlob(
    toCsv(
      ['证书编号', '证书类型', '身份证号', '姓名', '职业代码', '等级', '发证机构', '发证日期'],
      [['ZS-2026-000001', '职业技能等级证书', '', '', '4-10-01-05', 4, '', today()]],
    ),
    '证书导入模板.csv',
  );

export function CertificateRegistryPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { me, ops } = useSession();
  const ref = useRef<ActionType>(undefined);
  const [report, setReport] = useState<Report | null>(null);
  /** a number searched for: an empty list then means "not found", not "nothing yet" */
  const [searched, setSearched] = useState(false);
  const request = useTableRequest<Entry, { certificateNumber?: string }>((params, page) =>
    getList('/api/v1/certificates', { ...(params.certificateNumber ? { certificateNumber: params.certificateNumber } : {}), ...page }),
  );
  const canImport = (me.role === 'assessor' || me.role === 'city_admin') && ops.has('importCertificates');
  const upload = async (file: File) => {
    try {
      setReport(await uploadFile('/api/v1/certificates/import', file));
      ref.current?.reload();
    } catch (e) {
      message.error(errorText(e));
    }
    return false;
  };
  const columns: ProColumns<Entry>[] = [
    { title: t('cert.number'), dataIndex: 'certificateNumber' },
    { title: t('cert.holder'), dataIndex: 'holderNameMasked', search: false },
    { title: t('cert.type'), dataIndex: 'certificateType', search: false, render: (_, r) => t(`cert.${r.certificateType}`) },
    { title: t('common.occupation'), dataIndex: 'occupationCode', search: false, render: (_, r) => <OccupationLabel code={r.occupationCode} /> },
    { title: t('common.level'), dataIndex: 'level', search: false, render: (_, r) => t(`level.${r.level}`) },
    { title: t('registry.issuer'), dataIndex: 'issuerName', search: false, render: (_, r) => r.issuerName || '—' },
    { title: t('registry.issuedOn'), dataIndex: 'assessedOn', search: false, render: (_, r) => date(r.assessedOn) },
    {
      title: t('registry.source'),
      dataIndex: 'source',
      search: false,
      render: (_, r) => <Tag color={r.source === 'imported' ? 'blue' : 'green'}>{t(`registry.source.${r.source}`)}</Tag>,
    },
  ];
  return (
    <>
      {report && (
        <Alert
          style={{ marginBottom: 12 }}
          type={report.errors.length ? 'warning' : 'success'}
          showIcon
          closable
          onClose={() => setReport(null)}
          message={t('registry.importReport', { total: report.total, imported: report.imported, errors: report.errors.length })}
          description={
            report.errors.length > 0 && (
              <Table
                size="small"
                rowKey={(r) => `${r.field}-${r.code}`}
                pagination={false}
                dataSource={report.errors}
                columns={[
                  { title: t('registry.row'), render: (_, r) => r.field.split('.')[1] },
                  { title: t('common.field'), render: (_, r) => t(`registry.field.${r.field.split('.')[2] ?? 'row'}`) },
                  { title: t('common.reason'), render: (_, r) => (i18n.exists(`error.${r.code}`) ? t(`error.${r.code}`) : r.message) },
                ]}
              />
            )
          }
        />
      )}
      <ProTable<Entry, { certificateNumber?: string }>
        rowKey="id"
        actionRef={ref}
        headerTitle={t('menu.certRegistry')}
        columns={columns}
        request={request}
        pagination={{ defaultPageSize: 20 }}
        onSubmit={(p) => setSearched(!!p.certificateNumber?.trim())}
        onReset={() => setSearched(false)}
        locale={{
          emptyText: <span data-testid="registry-empty">{t(searched ? 'registry.notFound' : canImport ? 'registry.emptyImport' : 'registry.empty')}</span>,
        }}
        toolBarRender={() =>
          canImport
            ? [
                <Button key="t" icon={<DownloadOutlined />} onClick={template}>
                  {t('common.template')}
                </Button>,
                <Upload key="u" accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => upload(f)}>
                  <Button icon={<UploadOutlined />} data-testid="registry-import">
                    {t('registry.import')}
                  </Button>
                </Upload>,
              ]
            : []
        }
      />
    </>
  );
}
