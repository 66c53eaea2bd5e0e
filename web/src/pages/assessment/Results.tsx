import { useRef, useState } from 'react';
import {
  ModalForm,
  ProFormDatePicker,
  ProFormDigit,
  ProFormRadio,
  ProFormSelect,
  ProFormText,
  ProTable,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { App, Button, Modal, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { api, saveBlob, type Page } from '../../lib/api';
import { useTableRequest } from '../../lib/table';
import { errorText } from '../../i18n';
import { date, toCsv } from '../../lib/format';
import { useSession } from '../../lib/session';
import { StatusTag } from '../../lib/ui';

interface Result {
  id: string;
  voucherId: string;
  voucherNumber: string | null;
  passed: boolean;
  score: number | null;
  level: number;
  occupationCode: string;
  certificateNumber: string | null;
  certificateType: string | null;
  assessedOn: string;
  claimStatus: string | null;
}
interface ImportReport {
  total: number;
  recorded: number;
  passed: number;
  failed: number;
  errors: Array<{ field: string; code: string; message: string }>;
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

export function ResultsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const ref = useRef<ActionType>(undefined);
  const request = useTableRequest<Result>((_params, page) => api.get<Page<Result>>('/assessment/results', page));
  const [open, setOpen] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const isAssessor = me.role === 'assessor';

  const columns: ProColumns<Result>[] = [
    { title: t('voucher.number'), dataIndex: 'voucherNumber' },
    { title: t('common.occupation'), dataIndex: 'occupationCode', render: (_, r) => `${r.occupationCode} · ${t(`level.${r.level}`)}` },
    { title: t('result.outcome'), dataIndex: 'passed', render: (_, r) => <StatusTag status={r.passed ? 'pass' : 'fail'} /> },
    { title: t('result.score'), dataIndex: 'score', render: (_, r) => r.score ?? '—' },
    {
      title: t('result.certificate'),
      dataIndex: 'certificateNumber',
      render: (_, r) => (r.certificateNumber ? `${r.certificateNumber} (${t(`cert.${r.certificateType}`)})` : '—'),
    },
    { title: t('result.assessedOn'), dataIndex: 'assessedOn', render: (_, r) => date(r.assessedOn) },
    { title: t('result.claim'), dataIndex: 'claimStatus', render: (_, r) => <StatusTag status={r.claimStatus} /> },
  ];

  const template = () =>
    saveBlob(
      toCsv(
        ['券号 voucherNumber', '结果 passed', '成绩 score', '等级 level', '证书编号 certificateNumber', '证书类型 certificateType', '考核日期 assessedOn'],
        [['SV…', '合格', 85, 4, 'ZS-2026-000001', '职业技能等级证书', today()]],
      ),
      'assessment-results-template.csv',
    );
  const upload = async (file: File) => {
    try {
      setReport(await api.upload<ImportReport>('/assessment/results/import', file));
      ref.current?.reload();
    } catch (e) {
      message.error(errorText(e));
    }
    return false;
  };

  return (
    <>
      <ProTable<Result>
        rowKey="id"
        actionRef={ref}
        headerTitle={t('menu.results')}
        columns={columns}
        search={false}
        pagination={{ defaultPageSize: 20 }}
        request={request}
        toolBarRender={() =>
          isAssessor
            ? [
                <Button key="t" icon={<DownloadOutlined />} onClick={template}>
                  {t('common.template')}
                </Button>,
                <Upload key="u" accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => upload(f)}>
                  <Button icon={<UploadOutlined />}>{t('result.import')}</Button>
                </Upload>,
                <Button key="n" type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="result-new">
                  {t('result.new')}
                </Button>,
              ]
            : []
        }
      />
      <ModalForm
        title={t('result.new')}
        open={open}
        onOpenChange={setOpen}
        modalProps={{ destroyOnHidden: true }}
        initialValues={{ passed: true, level: 5, certificateType: 'skill_level', assessedOn: today() }}
        onFinish={async (v: {
          voucherNumber: string;
          passed: boolean;
          score?: number;
          level: number;
          certificateNumber?: string;
          certificateType?: string;
          assessedOn: string | Dayjs;
        }) => {
          try {
            await api.post('/assessment/results', {
              voucherNumber: v.voucherNumber.trim().toUpperCase(),
              passed: v.passed,
              score: v.score ?? null,
              level: v.level,
              certificateNumber: v.passed && v.certificateNumber ? v.certificateNumber.trim() : null,
              certificateType: v.passed && v.certificateNumber ? (v.certificateType ?? 'skill_level') : null,
              assessedOn: typeof v.assessedOn === 'string' ? v.assessedOn : v.assessedOn.format('YYYY-MM-DD'),
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
        <ProFormText name="voucherNumber" label={t('voucher.number')} rules={[{ required: true }]} fieldProps={{ id: 'result-voucher' }} />
        <ProFormRadio.Group
          name="passed"
          label={t('result.outcome')}
          options={[
            { value: true, label: t('status.pass') },
            { value: false, label: t('status.fail') },
          ]}
        />
        <ProFormDigit name="score" label={t('result.score')} min={0} max={100} />
        <ProFormSelect name="level" label={t('common.level')} options={[5, 4, 3, 2, 1, 0].map((l) => ({ value: l, label: t(`level.${l}`) }))} />
        <ProFormText
          name="certificateNumber"
          label={t('result.certificateNumber')}
          fieldProps={{ id: 'result-cert' }}
          rules={[{ pattern: /^[A-Za-z0-9-]{6,40}$/ }]}
        />
        <ProFormSelect
          name="certificateType"
          label={t('result.certificateType')}
          options={['skill_level', 'special_ability', 'qualification'].map((c) => ({ value: c, label: t(`cert.${c}`) }))}
        />
        <ProFormDatePicker name="assessedOn" label={t('result.assessedOn')} rules={[{ required: true }]} />
      </ModalForm>
      <Modal
        open={!!report}
        title={t('result.import')}
        onCancel={() => setReport(null)}
        onOk={() => setReport(null)}
        width={720}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        {report && (
          <>
            <Typography.Paragraph data-testid="result-import-summary">{t('result.importSummary', { ...report })}</Typography.Paragraph>
            {report.errors.length > 0 && (
              <Table
                size="small"
                rowKey={(r) => `${r.field}-${r.code}-${r.message}`}
                dataSource={report.errors}
                pagination={{ pageSize: 10 }}
                columns={[
                  { title: t('common.field'), dataIndex: 'field', width: 160 },
                  { title: t('common.reason'), render: (_, r) => (i18n.exists(`error.${r.code}`) ? `${t(`error.${r.code}`)} ${r.message}` : r.message) },
                ]}
              />
            )}
          </>
        )}
      </Modal>
    </>
  );
}
