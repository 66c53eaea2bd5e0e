import { useEffect, useRef, useState } from 'react';
import { ModalForm, ProFormDigit, ProFormSelect, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Input,
  Popconfirm,
  Radio,
  Space,
  Statistic,
  Table,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { CheckOutlined, DownloadOutlined, FileDoneOutlined, PlusOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, download, idempotent, ok, upload, type ResponseOf, type Schemas } from '../../lib/api';
import { formQuery, searchForm } from '../../lib/table';
import { searchColumn, useOfficerList } from '../../lib/OfficerList';
import { errorText } from '../../i18n';
import { date, dateTime, fen } from '../../lib/format';
import { districtName, useDistricts, useProgrammes } from '../../lib/data';
import { useSession } from '../../lib/session';
import { EmptyHint, StatusTag } from '../../lib/ui';
import { Chart } from '../../lib/Chart';

type Batch = Schemas['DisbursementBatch'];
type BatchDetail = ResponseOf<'/api/v1/subsidy/batches/{id}'>;
type BatchPayment = Schemas['BatchPayment'];
type Payments = BatchDetail['payments'];
type Payable = ResponseOf<'/api/v1/subsidy/batches/payable'>;
type BankReport = ResponseOf<'/api/v1/subsidy/bank-results', 'post'>;
type Preview = ResponseOf<'/api/v1/subsidy/batches/preview'>;
interface NewBatch {
  programmeId?: string;
  districtCode?: string;
  maxPayments?: number;
}

/** The new batch's filters as the API takes them (an emptied field is no filter). */
const batchFilters = (v: NewBatch): NewBatch => ({
  ...(v.programmeId ? { programmeId: v.programmeId } : {}),
  ...(v.districtCode ? { districtCode: v.districtCode } : {}),
  ...(v.maxPayments ? { maxPayments: v.maxPayments } : {}),
});

/**
 * What the 新建批次 dialog's batch would take with its filters (count, total), asked again as they change;
 * null while asking (or when asking failed: the create button stays off, the server refuses an empty batch anyway).
 */
function useBatchPreview(open: boolean, filters: NewBatch): { preview: Preview | null; failed: boolean } {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [failed, setFailed] = useState(false);
  const key = JSON.stringify(filters);
  useEffect(() => {
    if (!open) return;
    let live = true;
    setPreview(null);
    setFailed(false);
    ok(client.GET('/api/v1/subsidy/batches/preview', { params: { query: filters } })).then(
      (p) => live && setPreview(p),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [open, key]);
  return { preview, failed };
}

const BATCH_STATES = ['building', 'draft', 'approved', 'generating', 'file_ready', 'reconciling', 'reconciled', 'cancelled'] satisfies Batch['status'][];

export function BatchesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const programmes = useProgrammes();
  const districts = useDistricts();
  const ref = useRef<ActionType>(undefined);
  // an empty list says what a batch made now would take (or when one can be made), from the claims waiting
  const [payable, setPayable] = useState<Payable | null>(null);
  const list = useOfficerList(
    '/api/v1/subsidy/batches',
    '/api/v1/subsidy/batches/export.xlsx',
    (params) => {
      const q = formQuery(params);
      return { status: q.status, q: q.q, programmeId: q.programmeId, districtCode: q.districtCode };
    },
    (_rows, total) => {
      if (total === 0) ok(client.GET('/api/v1/subsidy/batches/payable')).then(setPayable, () => setPayable(null));
    },
  );
  const filtered = () => Object.values(list.lastQuery.current).some((v) => v !== undefined && v !== null && v !== '');
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<NewBatch>({});
  const { preview, failed: previewFailed } = useBatchPreview(open, draft);
  const [selected, setSelected] = useState<string | null>(null);
  const [report, setReport] = useState<BankReport | null>(null);
  const [format, setFormat] = useState<'camt054' | 'csv'>('camt054');
  const canAct = me.role === 'finance' || me.role === 'city_admin';

  const columns: ProColumns<Batch>[] = [
    searchColumn<Batch>(t, t('batch.searchHint')),
    { title: t('batch.number'), dataIndex: 'number', search: false, render: (_, r) => <a onClick={() => setSelected(r.id)}>{r.number}</a> },
    {
      title: t('common.status'),
      dataIndex: 'status',
      valueType: 'select',
      // a to-do on the workbench presets it (?status=draft: batches to approve; file_ready: bank results to import)
      initialValue: new URLSearchParams(location.search).get('status') ?? undefined,
      fieldProps: { options: BATCH_STATES.map((s) => ({ value: s, label: t(`batch.state.${s}`) })) },
      render: (_, r) => <StatusTag status={r.status} />,
    },
    {
      title: t('common.programme'),
      dataIndex: 'programmeId',
      valueType: 'select',
      fieldProps: { options: programmes.map((p) => ({ value: p.id, label: p.name })) },
      render: (_, r) => (r.programmeId ? (programmes.find((p) => p.id === r.programmeId)?.name ?? '—') : t('batch.all')),
    },
    {
      title: t('common.district'),
      dataIndex: 'districtCode',
      valueType: 'select',
      fieldProps: { options: districts.map((d) => ({ value: d.code, label: d.name })) },
      render: (_, r) => (r.districtCode ? districtName(districts, r.districtCode) : t('common.allDistricts')),
    },
    { title: t('batch.maker'), search: false, render: (_, r) => r.makerName ?? '—' },
    { title: t('batch.checker'), search: false, render: (_, r) => r.checkerName ?? '—' },
    { title: t('batch.count'), dataIndex: 'paymentCount', search: false, align: 'right' },
    { title: t('batch.total'), dataIndex: 'totalFen', search: false, align: 'right', render: (_, r) => fen(r.totalFen) },
    { title: t('batch.reconciled'), search: false, render: (_, r) => `${r.bookedCount} / ${r.rejectedCount}` },
    { title: t('common.createdAt'), dataIndex: 'createdAt', search: false, render: (_, r) => dateTime(r.createdAt) },
  ];

  const uploadResults = async (file: File) => {
    try {
      setReport(await upload('/api/v1/subsidy/bank-results', file, { query: { format } }));
      ref.current?.reload();
    } catch (e) {
      message.error(errorText(e));
    }
    return false;
  };

  return (
    <>
      <ProTable<Batch>
        rowKey="id"
        actionRef={ref}
        headerTitle={t('menu.batches')}
        columns={columns}
        search={searchForm()}
        pagination={{ defaultPageSize: 20 }}
        polling={(data) => (data?.some((r) => r.status === 'building' || r.status === 'generating') ? 2000 : 0)}
        locale={{
          emptyText: (
            <EmptyHint testId="batches-empty" title={filtered() ? t('batch.empty.filtered') : t('batch.empty.title')}>
              {payable && payable.ready.count > 0 ? (
                <div data-testid="batches-ready">{t('batch.empty.ready', { count: payable.ready.count, amount: fen(payable.ready.amountFen) })}</div>
              ) : null}
              {payable && payable.inNotice.count > 0 && payable.inNotice.nextPayableOn ? (
                <div>{t('batch.empty.inNotice', { count: payable.inNotice.count, day: date(payable.inNotice.nextPayableOn) })}</div>
              ) : null}
              {payable && payable.noAccount > 0 ? <div>{t('batch.empty.noAccount', { count: payable.noAccount })}</div> : null}
              <div>{payable && payable.ready.count > 0 && !canAct ? t('batch.empty.readyOther') : t('batch.empty.none')}</div>
              {payable && payable.ready.count > 0 && canAct ? (
                <Button type="primary" icon={<PlusOutlined />} style={{ marginTop: 12 }} onClick={() => setOpen(true)} data-testid="batches-empty-new">
                  {t('batch.new')}
                </Button>
              ) : null}
            </EmptyHint>
          ),
        }}
        request={list.request}
        toolBarRender={() =>
          canAct
            ? [
                list.exportButton,
                <Radio.Group key="f" size="small" value={format} onChange={(e) => setFormat(e.target.value as 'camt054' | 'csv')}>
                  <Radio.Button value="camt054">{t('batch.resultXml')}</Radio.Button>
                  <Radio.Button value="csv">{t('batch.resultCsv')}</Radio.Button>
                </Radio.Group>,
                <Upload key="u" accept=".xml,.csv" showUploadList={false} beforeUpload={(f) => uploadResults(f)}>
                  <Button icon={<UploadOutlined />} data-testid="bank-upload">
                    {t('batch.uploadResults')}
                  </Button>
                </Upload>,
                <Button key="n" type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="batch-new">
                  {t('batch.new')}
                </Button>,
              ]
            : [list.exportButton]
        }
      />
      {report && (
        <Alert
          style={{ marginTop: 16 }}
          closable
          onClose={() => setReport(null)}
          type={report.issues.length || report.mismatched || report.unknown ? 'warning' : 'success'}
          showIcon
          data-testid="bank-report"
          message={t('batch.resultSummary', { ...report })}
          description={
            report.issues.length
              ? report.issues.slice(0, 20).map((i) => (
                  <div key={i.position}>
                    #{i.position}: {i.message}
                  </div>
                ))
              : undefined
          }
        />
      )}
      <ModalForm<NewBatch>
        title={t('batch.new')}
        open={open}
        onOpenChange={(o) => {
          setOpen(o);
          if (o) setDraft({});
        }}
        modalProps={{ destroyOnHidden: true }}
        onValuesChange={(_, all) => setDraft(batchFilters(all))}
        // the button says what it does, and stays off until the preview says the batch would take something
        submitter={{
          searchConfig: { submitText: t('batch.create') },
          submitButtonProps: { disabled: !preview || preview.count === 0, ...({ 'data-testid': 'batch-create' } as object) },
        }}
        onFinish={async (v) => {
          try {
            const b = await ok(client.POST('/api/v1/subsidy/batches', { body: batchFilters(v), headers: idempotent() }));
            message.success(t('batch.created', { n: b.paymentCount }));
            ref.current?.reload();
            setSelected(b.id);
            return true;
          } catch (e) {
            message.error(errorText(e));
            return false;
          }
        }}
      >
        <Typography.Paragraph type="secondary">{t('batch.newHint')}</Typography.Paragraph>
        <ProFormSelect
          name="programmeId"
          label={t('common.programme')}
          options={programmes.map((p) => ({ value: p.id, label: p.name }))}
          placeholder={t('batch.all')}
        />
        <ProFormSelect
          name="districtCode"
          label={t('common.district')}
          options={districts.map((d) => ({ value: d.code, label: d.name }))}
          placeholder={t('common.allDistricts')}
        />
        <ProFormDigit name="maxPayments" label={t('batch.max')} min={1} max={200_000} placeholder={t('batch.maxNone')} fieldProps={{ precision: 0 }} />
        <div data-testid="batch-preview" aria-live="polite">
          {previewFailed ? (
            <Alert type="warning" showIcon message={t('batch.previewFailed')} />
          ) : !preview ? (
            <Alert type="info" message={t('batch.previewLoading')} />
          ) : preview.count === 0 ? (
            <Alert type="warning" showIcon message={t('batch.previewNone')} description={t('batch.previewNoneHint')} />
          ) : (
            <Alert
              type="info"
              showIcon
              message={t('batch.preview', { count: preview.count, total: fen(preview.totalFen) })}
              description={draft.maxPayments && preview.count === draft.maxPayments ? t('batch.previewCapped', { max: draft.maxPayments }) : undefined}
            />
          )}
        </div>
      </ModalForm>
      <BatchDrawer id={selected} onClose={() => setSelected(null)} onChange={() => ref.current?.reload()} />
    </>
  );
}

function BatchDrawer({ id, onClose, onChange }: { id: string | null; onClose: () => void; onChange: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const districts = useDistricts();
  const [b, setB] = useState<BatchDetail | null>(null);
  const [busy, setBusy] = useState(false);
  const load = (x: string) => ok(client.GET('/api/v1/subsidy/batches/{id}', { params: { path: { id: x } } })).then(setB, (e) => message.error(errorText(e)));
  useEffect(() => {
    setB(null);
    if (id) void load(id);
  }, [id]);
  // a batch is built (and its files generated) in the background: the open drawer follows it until it settles
  const settling = b?.status === 'building' || b?.status === 'generating';
  useEffect(() => {
    if (!settling || !b) return;
    const timer = setInterval(() => void load(b.id), 1500);
    return () => clearInterval(timer);
  }, [settling, b?.id]);
  const act = async (what: 'approve' | 'cancel' | 'generate') => {
    if (!b) return;
    setBusy(true);
    try {
      const init = { params: { path: { id: b.id } } };
      if (what === 'generate') await client.POST('/api/v1/subsidy/batches/{id}/generate', init);
      else if (what === 'approve') await client.POST('/api/v1/subsidy/batches/{id}/approve', { ...init, headers: idempotent() });
      else await client.POST('/api/v1/subsidy/batches/{id}/cancel', { ...init, headers: idempotent() });
      message.success(t('common.done'));
      await load(b.id);
      onChange();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const canAct = me.role === 'finance' || me.role === 'city_admin';
  const isMaker = b?.makerId === me.id;
  const pending = b ? b.paymentCount - b.bookedCount - b.rejectedCount : 0;
  return (
    <Drawer open={!!id} onClose={onClose} width={680} title={b ? `${t('batch.number')} ${b.number}` : ''} destroyOnHidden>
      {b && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Card size="small">
            <Space size="large" wrap>
              <Statistic title={t('batch.count')} value={b.paymentCount} />
              <Statistic title={t('batch.total')} value={fen(b.totalFen)} />
              <Statistic title={t('batch.booked')} value={b.bookedCount} valueStyle={{ color: '#3f8600' }} />
              <Statistic title={t('batch.rejected')} value={b.rejectedCount} valueStyle={{ color: b.rejectedCount ? '#cf1322' : undefined }} />
            </Space>
            <div style={{ marginTop: 8 }}>
              <StatusTag status={b.status} /> {t(`batch.state.${b.status}`)}
            </div>
          </Card>
          {b.bookedCount + b.rejectedCount > 0 && (
            <Card size="small" title={t('batch.reconciliation')}>
              <Chart
                height={200}
                option={{
                  tooltip: { trigger: 'item' },
                  legend: { bottom: 0 },
                  series: [
                    {
                      type: 'pie',
                      radius: ['40%', '70%'],
                      data: [
                        { name: t('batch.booked'), value: b.bookedCount, itemStyle: { color: '#52c41a' } },
                        { name: t('batch.rejected'), value: b.rejectedCount, itemStyle: { color: '#ff4d4f' } },
                        { name: t('batch.pending'), value: pending, itemStyle: { color: '#d9d9d9' } },
                      ],
                    },
                  ],
                }}
              />
            </Card>
          )}
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('common.programme')}>{b.programmeId ? (b.programmeName ?? '—') : t('batch.all')}</Descriptions.Item>
            <Descriptions.Item label={t('common.district')}>
              <span data-testid="batch-district">{b.districtCode ? districtName(districts, b.districtCode) : t('common.allDistricts')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('common.createdAt')}>
              <span data-testid="batch-created-at">{dateTime(b.createdAt)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('batch.maker')}>
              <span data-testid="batch-maker">
                {b.makerName ?? '—'}
                {b.makerId === me.id ? `（${t('batch.you')}）` : ''}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('batch.checker')}>
              <span data-testid="batch-checker">
                {b.checkerName ?? '—'}
                {b.checkerId && b.checkerId === me.id ? `（${t('batch.you')}）` : ''}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('batch.approvedAt')}>{dateTime(b.approvedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('batch.payeeKinds')}>
              <span data-testid="batch-payee-kinds">
                {b.payeeKinds.map((k) => t('batch.kindLine', { kind: t(`payee.${k.kind}`), count: k.count, total: fen(k.amountFen) })).join('；') || '—'}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('batch.debtor')}>
              <Space direction="vertical" size={2} data-testid="batch-debtors">
                {b.debtors.map((d) => (
                  <span key={d.fundingSource ?? '-'} data-testid="batch-debtor">
                    {d.fundingSource ? t(`fund.${d.fundingSource}`, { defaultValue: t('batch.fundUnknown') }) : t('batch.fundUnknown')}：
                    {d.accountNumber ? (
                      <>
                        {d.accountName} · {d.bankName} · <Typography.Text copyable={{ text: d.accountNumber }}>{d.accountNumber}</Typography.Text>
                      </>
                    ) : (
                      <Typography.Text type="danger">{t('batch.debtorMissing')}</Typography.Text>
                    )}
                    {b.debtors.length > 1 && `（${t('batch.kindCount', { count: d.count, total: fen(d.amountFen) })}）`}
                    {!d.fixed && d.accountNumber && <Typography.Text type="secondary">（{t('batch.debtorCurrent')}）</Typography.Text>}
                  </span>
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('batch.fileDigest')}>
              {b.fileSha256 ? <Typography.Text code>{b.fileSha256.slice(0, 16)}…</Typography.Text> : '—'}
            </Descriptions.Item>
          </Descriptions>
          {canAct && (
            <Space wrap>
              {b.status === 'draft' && (
                <>
                  {isMaker && <Alert type="info" showIcon message={t('batch.needsChecker')} />}
                  <Popconfirm
                    title={t('batch.approveConfirmFull', { number: b.number, count: b.paymentCount, total: fen(b.totalFen) })}
                    onConfirm={() => void act('approve')}
                  >
                    <Button type="primary" icon={<CheckOutlined />} loading={busy} disabled={isMaker} data-testid="batch-approve">
                      {t('batch.approve')}
                    </Button>
                  </Popconfirm>
                  {/* cancelling cannot be undone: a confirmation naming the batch, its payments and total, and what becomes of its claims */}
                  <Popconfirm
                    title={t('batch.cancelConfirm', { number: b.number, count: b.paymentCount, total: fen(b.totalFen) })}
                    okText={t('batch.cancelOk')}
                    cancelText={t('batch.keep')}
                    okButtonProps={{ danger: true, ...({ 'data-testid': 'batch-cancel-ok' } as object) }}
                    overlayStyle={{ maxWidth: 420 }}
                    onConfirm={() => void act('cancel')}
                  >
                    <Button danger icon={<StopOutlined />} loading={busy} data-testid="batch-cancel">
                      {t('batch.cancel')}
                    </Button>
                  </Popconfirm>
                </>
              )}
              {b.status === 'approved' && (
                <Button type="primary" icon={<FileDoneOutlined />} onClick={() => void act('generate')} loading={busy} data-testid="batch-generate">
                  {t('batch.generate')}
                </Button>
              )}
              {b.fileSha256 && (
                <>
                  <Button
                    icon={<DownloadOutlined />}
                    onClick={() =>
                      download('/api/v1/subsidy/batches/{id}/pain001', { path: { id: b.id } }, `${b.number}.pain001.xml`).catch((e) =>
                        message.error(errorText(e)),
                      )
                    }
                    data-testid="download-pain001"
                  >
                    {t('batch.bankFile')}
                  </Button>
                  <Button
                    icon={<DownloadOutlined />}
                    onClick={() =>
                      download('/api/v1/subsidy/batches/{id}/csv', { path: { id: b.id } }, `${b.number}.csv`).catch((e) => message.error(errorText(e)))
                    }
                    data-testid="download-csv"
                  >
                    {t('batch.csv')}
                  </Button>
                </>
              )}
            </Space>
          )}
          {b.status === 'draft' && <Alert type="info" showIcon message={t('batch.checkHint')} />}
          <PaymentsTable batch={b} />
        </Space>
      )}
    </Drawer>
  );
}

/** The batch's payments, page by page from the server: what the checker checks before approving. */
function PaymentsTable({ batch }: { batch: BatchDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState<Payments>(batch.payments);
  const [current, setCurrent] = useState(1);
  const [q, setQ] = useState('');
  const [loading, setLoading] = useState(false);
  const PAGE = 10;
  const load = async (n: number, term: string) => {
    setLoading(true);
    try {
      setPage(
        await ok(
          client.GET('/api/v1/subsidy/batches/{id}/payments', {
            params: { path: { id: batch.id }, query: { q: term || undefined, limit: PAGE, offset: (n - 1) * PAGE } },
          }),
        ),
      );
      setCurrent(n);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void load(1, '');
  }, [batch.id, batch.status, batch.bookedCount, batch.rejectedCount]);
  return (
    <Table<BatchPayment>
      size="small"
      rowKey="endToEndId"
      loading={loading}
      dataSource={page.items}
      scroll={{ x: 'max-content' }}
      data-testid="batch-payments"
      pagination={{ current, pageSize: PAGE, total: page.total, showSizeChanger: false, onChange: (n) => void load(n, q) }}
      title={() => (
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text strong>
            {t('batch.payments')} · {t('common.total', { total: page.total })}
          </Typography.Text>
          <Input.Search
            allowClear
            size="small"
            placeholder={t('batch.paymentSearch')}
            onSearch={(v) => (setQ(v.trim()), void load(1, v.trim()))}
            style={{ width: 200 }}
          />
        </Space>
      )}
      // headers on one line; an enterprise's or provider's long name wraps in its own column (it squeezed the
      // other headers to one character per line), the kind of payee under it
      columns={paymentColumns([
        {
          title: t('batch.payeeName'),
          dataIndex: 'payeeNameMasked',
          width: 180,
          render: (v: string, r) =>
            r.payeeKind === 'person' ? (
              v
            ) : (
              <span>
                {v}
                <br />
                <Typography.Text type="secondary">{t(`payee.${r.payeeKind}`)}</Typography.Text>
              </span>
            ),
        },
        // the amount beside the payee, in view without scrolling the drawer; a long branch name wraps in its column
        { title: t('common.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => <span style={{ whiteSpace: 'nowrap' }}>{fen(v)}</span> },
        {
          title: t('batch.account'),
          dataIndex: 'accountMasked',
          render: (v: string) => <Typography.Text style={{ whiteSpace: 'nowrap' }}>{v}</Typography.Text>,
        },
        { title: t('batch.bank'), dataIndex: 'bankName', width: 130, render: (v: string | null) => v ?? '—' },
        { title: t('batch.programme'), dataIndex: 'programmeName', width: 120, render: (v: string | null) => v ?? '—' },
        {
          title: t('batch.paymentStatus'),
          dataIndex: 'status',
          render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{t(`batch.pstate.${v}`, { defaultValue: v })}</span>,
        },
        {
          title: t('batch.claimNumber'),
          dataIndex: 'claimNumber',
          render: (v: string) => (
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {v}
            </Typography.Text>
          ),
        },
      ])}
    />
  );
}

/** The payment lines' columns with their headers kept on one line. */
function paymentColumns(cols: TableColumnsType<BatchPayment>): TableColumnsType<BatchPayment> {
  return cols.map((c) => ({ ...c, onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }) }));
}
