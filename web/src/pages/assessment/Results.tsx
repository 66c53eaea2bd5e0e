import { useEffect, useMemo, useRef, useState } from 'react';
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
  type ProFormInstance,
} from '@ant-design/pro-components';
import { Alert, App, Button, Card, Modal, Select, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { ApiError, client, getList, ok, saveBlob, upload as uploadFile, type BodyOf, type ResponseOf, type Schemas } from '../../lib/api';
import { useTableRequest } from '../../lib/table';
import { errorText } from '../../i18n';
import { date, toCsv } from '../../lib/format';
import { useSession } from '../../lib/session';
import { StatusTag } from '../../lib/ui';
import type { Assignment } from './Assignments';
import { OccupationLabel, useOccupationNames } from '../../lib/occupation';

type Result = Schemas['AssessmentResult'];
type ImportReport = ResponseOf<'/api/v1/assessment/results/import', 'post'>;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

export function ResultsPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const { me } = useSession();
  const ref = useRef<ActionType>(undefined);
  const [classFilter, setClassFilter] = useState<string | undefined>(undefined);
  const request = useTableRequest<Result, { classId?: string }>((params, page) =>
    getList('/api/v1/assessment/results', { ...(params.classId ? { classId: params.classId } : {}), ...page }),
  );
  const [open, setOpen] = useState(false);
  /** the class the new result is entered for (from the assigned classes), to fill in its level */
  const [entryClass, setEntryClass] = useState<string | undefined>(undefined);
  const formRef = useRef<ProFormInstance>(undefined);
  const [report, setReport] = useState<ImportReport | null>(null);
  const isAssessor = me.role === 'assessor';
  const assigned = useAssignedClasses(isAssessor);
  const classById = useMemo(() => new Map((assigned ?? []).map((a) => [a.classId, a])), [assigned]);
  const occupationNames = useOccupationNames((assigned ?? []).map((a) => a.occupationCode));
  const classOptions = (assigned ?? []).map((a) => ({ value: a.classId, label: classLabel(a, t, occupationNames) }));
  const openEntry = (classId?: string) => {
    // with one class assigned, that is the class (and its level) the result is entered for
    setEntryClass(classId ?? (assigned?.length === 1 ? assigned[0]!.classId : undefined));
    setOpen(true);
  };

  const columns: ProColumns<Result>[] = [
    // a clerk cross-checks people by name: the candidate's name (masked by the server) first, then the voucher
    {
      title: t('result.candidate'),
      dataIndex: 'candidateNameMasked',
      width: 80,
      render: (_, r) => (
        <span data-testid="result-candidate" style={{ whiteSpace: 'nowrap' }}>
          {r.candidateNameMasked ?? '—'}
        </span>
      ),
    },
    { title: t('voucher.number'), dataIndex: 'voucherNumber' },
    {
      title: t('result.class'),
      dataIndex: 'classId',
      hideInTable: !isAssessor,
      render: (_, r) => (r.classId ? (classById.get(r.classId)?.className ?? '—') : '—'),
    },
    {
      title: t('common.occupation'),
      dataIndex: 'occupationCode',
      render: (_, r) => (
        <>
          <OccupationLabel code={r.occupationCode} /> · {t(`level.${r.level}`)}
        </>
      ),
    },
    { title: t('result.outcome'), dataIndex: 'passed', width: 96, render: (_, r) => <StatusTag status={r.passed ? 'pass' : 'fail'} /> },
    { title: t('result.score'), dataIndex: 'score', width: 64, render: (_, r) => r.score ?? '—' },
    {
      title: t('result.certificate'),
      dataIndex: 'certificateNumber',
      // the number, and its type beneath in a lighter tone (the columns fit a desktop screen without scrolling)
      render: (_, r) =>
        r.certificateNumber ? (
          <Space direction="vertical" size={0}>
            <span style={{ whiteSpace: 'nowrap' }}>{r.certificateNumber}</span>
            <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
              {t(`cert.${r.certificateType}`)}
            </Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('result.assessedOn'),
      dataIndex: 'assessedOn',
      render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{date(r.assessedOn)}</span>,
    },
    {
      title: t('result.claim'),
      dataIndex: 'claimStatus',
      render: (_, r) =>
        r.claimStatus ? (
          <span>
            {r.claimNumber && <span style={{ marginRight: 6 }}>{r.claimNumber}</span>}
            <StatusTag status={r.claimStatus} />
          </span>
        ) : (
          '—'
        ),
    },
  ];

  const template = () =>
    saveBlob(
      toCsv(
        ['券号', '结果', '成绩', '等级', '等级变更原因', '证书编号', '证书类型', '考核日期'],
        [['SV…', '合格', 85, 4, '', 'ZS-2026-000001', '职业技能等级证书', today()]],
      ),
      '考核结果导入模板.csv',
    );
  const upload = async (file: File) => {
    try {
      setReport(await uploadFile('/api/v1/assessment/results/import', file));
      ref.current?.reload();
    } catch (e) {
      message.error(errorText(e));
    }
    return false;
  };

  return (
    <>
      {isAssessor && assigned && (
        <AssignedClasses
          items={assigned}
          onRecord={(id) => openEntry(id)}
          onShow={(id) => {
            setClassFilter(id);
          }}
        />
      )}
      <ProTable<Result, { classId?: string }>
        rowKey="id"
        actionRef={ref}
        headerTitle={t('menu.results')}
        columns={columns}
        search={false}
        pagination={{ defaultPageSize: 20 }}
        request={request}
        params={{ classId: classFilter }}
        locale={{ emptyText: <span data-testid="results-empty">{t(isAssessor ? 'result.emptyAssessor' : 'result.empty')}</span> }}
        toolBarRender={() =>
          isAssessor
            ? [
                <Select
                  key="c"
                  id="results-class"
                  style={{ minWidth: 260 }}
                  allowClear
                  placeholder={t('result.allClasses')}
                  value={classFilter}
                  onChange={(v?: string) => setClassFilter(v)}
                  options={classOptions}
                  showSearch
                  optionFilterProp="label"
                  popupMatchSelectWidth={false}
                />,
                <Button key="t" icon={<DownloadOutlined />} onClick={template}>
                  {t('common.template')}
                </Button>,
                <Upload key="u" accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => upload(f)}>
                  <Button icon={<UploadOutlined />}>{t('result.import')}</Button>
                </Upload>,
                <Button key="n" type="primary" icon={<PlusOutlined />} onClick={() => openEntry(classFilter)} data-testid="result-new">
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
        formRef={formRef}
        modalProps={{ destroyOnHidden: true }}
        initialValues={{
          classId: entryClass,
          // no default outcome: a pass makes a subsidy claim, a fail closes the voucher, and neither can be undone here
          // no default level: without one the server records the class's level
          level: (entryClass ? classById.get(entryClass)?.level : undefined) ?? undefined,
          certificateType: 'skill_level',
          assessedOn: today(),
        }}
        onFinish={async (v: {
          classId?: string;
          voucherNumber: string;
          passed: boolean;
          score?: number;
          level?: number | null;
          levelChangeReason?: string;
          certificateNumber?: string;
          certificateType?: string;
          assessedOn: string | Dayjs;
        }) => {
          const cert = v.passed && v.certificateNumber ? v.certificateNumber.trim() : null;
          // the assessor reads back what is about to be recorded, and what it sets off, before it is final
          const confirmed = await new Promise<boolean>((resolve) =>
            modal.confirm({
              title: t('result.confirmTitle'),
              okText: t('result.confirmOk'),
              content: (
                <div data-testid="result-confirm">
                  <p>
                    {t('voucher.number')}：{v.voucherNumber.trim().toUpperCase()}
                    <br />
                    {t('result.outcome')}：<StatusTag status={v.passed ? 'pass' : 'fail'} />
                    {v.level !== undefined && v.level !== null ? ` · ${t(`level.${v.level}`)}` : ''}
                    {cert ? ` · ${t('result.certificateNumber')} ${cert}` : ''}
                  </p>
                  <Typography.Text type="warning">{t(v.passed ? 'result.confirmPass' : 'result.confirmFail')}</Typography.Text>
                </div>
              ),
              onOk: () => resolve(true),
              onCancel: () => resolve(false),
            }),
          );
          if (!confirmed) return false;
          try {
            const saved = await ok(
              client.POST('/api/v1/assessment/results', {
                body: {
                  voucherNumber: v.voucherNumber.trim().toUpperCase(),
                  passed: v.passed,
                  score: v.score ?? null,
                  level: v.level ?? null,
                  levelChangeReason: v.levelChangeReason?.trim() || null,
                  certificateNumber: v.passed && v.certificateNumber ? v.certificateNumber.trim() : null,
                  certificateType:
                    v.passed && v.certificateNumber ? ((v.certificateType ?? 'skill_level') as BodyOf<'/api/v1/assessment/results'>['certificateType']) : null,
                  assessedOn: typeof v.assessedOn === 'string' ? v.assessedOn : v.assessedOn.format('YYYY-MM-DD'),
                },
              }),
            );
            // the voucher's admission decides the class: say so when it is another assigned class than the one picked
            if (v.classId && saved.classId && saved.classId !== v.classId)
              message.warning(t('result.otherClass', { name: classById.get(saved.classId)?.className ?? '—' }));
            else message.success(t('common.saved'));
            ref.current?.reload();
            return true;
          } catch (e) {
            // a voucher has one result: say how a wrong one is put right, not only that it is a duplicate
            message.error(e instanceof ApiError && e.code === 'DUPLICATE' ? t('result.duplicate') : errorText(e));
            return false;
          }
        }}
      >
        {isAssessor && (
          <ProFormSelect
            name="classId"
            label={t('result.class')}
            extra={t('result.classHint')}
            options={classOptions}
            fieldProps={{
              id: 'result-class',
              allowClear: true,
              showSearch: true,
              optionFilterProp: 'label',
              onChange: (id?: string) => {
                const level = id ? classById.get(id)?.level : undefined;
                if (level !== undefined && level !== null) formRef.current?.setFieldsValue({ level });
              },
            }}
          />
        )}
        <ProFormText name="voucherNumber" label={t('voucher.number')} rules={[{ required: true }]} fieldProps={{ id: 'result-voucher' }} />
        <ProFormRadio.Group
          name="passed"
          label={t('result.outcome')}
          rules={[{ required: true, message: t('result.outcomeRequired') }]}
          fieldProps={{ id: 'result-outcome' }}
          options={[
            { value: true, label: t('status.pass') },
            { value: false, label: t('status.fail') },
          ]}
        />
        <ProFormDigit name="score" label={t('result.score')} min={0} max={100} />
        <ProFormSelect
          name="level"
          label={t('common.level')}
          extra={t('result.levelChangeHint')}
          fieldProps={{ id: 'result-level', allowClear: true }}
          options={[5, 4, 3, 2, 1, 0].map((l) => ({ value: l, label: t(`level.${l}`) }))}
        />
        <ProFormText name="levelChangeReason" label={t('result.levelChangeReason')} fieldProps={{ id: 'result-level-reason', maxLength: 500 }} />
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
                  { title: t('registry.row'), width: 64, render: (_, r) => r.field.split('.')[1] ?? '—' },
                  { title: t('common.field'), width: 140, render: (_, r) => importFieldLabel(r.field, t, (k) => i18n.exists(k)) },
                  { title: t('common.reason'), render: (_, r) => importReason(r, t, (k) => i18n.exists(k)) },
                ]}
              />
            )}
          </>
        )}
      </Modal>
    </>
  );
}

type T = (key: string, opts?: Record<string, unknown>) => string;

/** A class as the clerk reads it in a select: its name, the occupation's name and the level (no codes, no ids). */
const classLabel = (a: Assignment, t: T, occupationNames: Map<string, string>): string =>
  [a.className ?? '—', a.occupationCode ? (occupationNames.get(a.occupationCode) ?? a.occupationCode) : null, a.level !== null ? t(`level.${a.level}`) : null]
    .filter(Boolean)
    .join(' · ');

/** Why a row was refused, in the clerk's words: what the column needs (a check of the input), else the error's text. */
const importReason = (e: { field: string; code: string }, t: T, exists: (key: string) => boolean): string => {
  const name = e.field.split('.')[2] ?? 'row';
  if (e.code === 'VALIDATION_FAILED' && exists(`result.importHint.${name}`)) return t(`result.importHint.${name}`);
  return exists(`error.${e.code}`) ? t(`error.${e.code}`) : t('error.VALIDATION_FAILED');
};

/** An import report's field (`rows.<line>.<field>`) named as the sheet's column is. */
const importFieldLabel = (field: string, t: T, exists: (key: string) => boolean): string => {
  const name = field.split('.')[2] ?? 'row';
  return exists(`result.field.${name}`) ? t(`result.field.${name}`) : t('result.field.row');
};

/** The classes assigned to the assessor's body now (null until loaded). */
function useAssignedClasses(enabled: boolean): Assignment[] | null {
  const { message } = App.useApp();
  const [items, setItems] = useState<Assignment[] | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    ok(client.GET('/api/v1/assessment/assignments', { params: { query: { status: 'active', limit: 500 } } })).then(
      (r) => live && setItems(r.items),
      (e) => {
        if (!live) return;
        setItems([]);
        message.error(errorText(e));
      },
    );
    return () => {
      live = false;
    };
  }, [enabled, message]);
  return items;
}

/** 本机构的考评班级: the classes the body may record results for, each with entry and a results filter. */
function AssignedClasses({ items, onRecord, onShow }: { items: Assignment[]; onRecord: (classId: string) => void; onShow: (classId: string) => void }) {
  const { t } = useTranslation();
  return (
    <Card title={t('result.assignedClasses')} size="small" style={{ marginBottom: 16 }} data-testid="assigned-classes">
      {items.length === 0 ? (
        <Alert type="info" showIcon message={t('result.noAssigned')} />
      ) : (
        <Table<Assignment>
          size="small"
          rowKey="id"
          dataSource={items}
          pagination={{ pageSize: 5, hideOnSinglePage: true }}
          columns={[
            { title: t('result.class'), dataIndex: 'className', render: (_, a) => <span data-testid="assigned-class">{a.className ?? '—'}</span> },
            {
              title: t('common.occupation'),
              render: (_, a) =>
                a.occupationCode ? (
                  <>
                    <OccupationLabel code={a.occupationCode} />
                    {a.level !== null ? ` · ${t(`level.${a.level}`)}` : ''}
                  </>
                ) : (
                  '—'
                ),
            },
            { title: t('assign.period'), render: (_, a) => (a.startDate ? `${date(a.startDate)} ～ ${date(a.endDate)}` : '—') },
            { title: t('assign.classState'), render: (_, a) => (a.classState ? t(`class.state.${a.classState}`, { defaultValue: a.classState }) : '—') },
            { title: t('assign.assignedAt'), render: (_, a) => date(a.assignedAt) },
            {
              title: t('common.actions'),
              render: (_, a) => (
                <>
                  <a onClick={() => onRecord(a.classId)} data-testid="assigned-record" style={{ marginRight: 12 }}>
                    {t('result.record')}
                  </a>
                  <a onClick={() => onShow(a.classId)}>{t('result.showResults')}</a>
                </>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
