import { useEffect, useRef, useState } from 'react';
import { ModalForm, ProFormDigit, ProFormSelect, ProFormText, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Progress, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, PlayCircleOutlined, PlusOutlined, UploadOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, download, getList, ok, upload as uploadFile, type BodyOf, type ResponseOf } from '../../lib/api';
import { useTableRequest } from '../../lib/table';
import { errorText } from '../../i18n';
import { date, dateTime } from '../../lib/format';
import { districtName, useDistricts, useProgrammes } from '../../lib/data';
import { useSession } from '../../lib/session';
import { EmptyHint, StatusTag } from '../../lib/ui';
import { useOccupationName } from '../../lib/occupation';
import { OccupationSelect } from '../common';
import { VoucherStatusTag } from '../worker/Vouchers';

type Issuance = ResponseOf<'/api/v1/issuances/{id}'>;
type CustomReport = ResponseOf<'/api/v1/issuances/{id}/list', 'post'>;
type IssuedVouchers = ResponseOf<'/api/v1/issuances/{id}/vouchers'>;
type IssuedVoucher = IssuedVouchers['items'][number];
/** The voucher states in the order a voucher moves through them, for the batch's per-state counts. */
const VOUCHER_ORDER = ['issued', 'admitted', 'in_training', 'assessed', 'approved', 'settled', 'completed', 'closed', 'expired', 'revoked'] as const;

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

export function IssuancesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me, ops } = useSession();
  const programmes = useProgrammes();
  const districts = useDistricts();
  const ref = useRef<ActionType>(undefined);
  const request = useTableRequest<Issuance>((_params, page) => getList('/api/v1/issuances', page));
  const [creating, setCreating] = useState<'targeted' | 'custom' | null>(null);
  const [preview, setPreview] = useState<ResponseOf<'/api/v1/issuances/preview', 'post'> | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [form] = Form.useForm();
  const isAdmin = me.role === 'city_admin' || me.role === 'district_admin';

  /** The form's values as the API's body (the server validates them). */
  const body = (v: Record<string, unknown>, mode: 'targeted' | 'custom'): BodyOf<'/api/v1/issuances'> => {
    const rule: Record<string, unknown> = {};
    if (mode === 'targeted') {
      if (Array.isArray(v.categoriesAny) && v.categoriesAny.length) rule.categoriesAny = v.categoriesAny;
      if (v.hukou) rule.hukou = v.hukou;
      if (typeof v.ageMin === 'number') rule.ageMin = v.ageMin;
      if (typeof v.ageMax === 'number') rule.ageMax = v.ageMax;
      if (v.districtCode) rule.districtCodes = [v.districtCode];
    }
    return {
      mode,
      name: v.name,
      programmeId: v.programmeId,
      districtCode: v.districtCode ?? me.districtCode ?? null,
      occupationCode: v.occupationCode || null,
      level: typeof v.level === 'number' ? v.level : null,
      ...(mode === 'targeted' ? { rule } : {}),
      quantityCap: typeof v.quantityCap === 'number' ? v.quantityCap : null,
      validityMonths: typeof v.validityMonths === 'number' ? v.validityMonths : null,
    } as BodyOf<'/api/v1/issuances'>;
  };

  const columns: ProColumns<Issuance>[] = [
    { title: t('iss.name'), dataIndex: 'name', render: (_, r) => <a onClick={() => setSelected(r.id)}>{r.name}</a> },
    { title: t('iss.mode'), dataIndex: 'mode', render: (_, r) => t(`voucher.mode.${r.mode}`) },
    { title: t('common.programme'), dataIndex: 'programmeId', render: (_, r) => programmes.find((p) => p.id === r.programmeId)?.name ?? '—' },
    {
      title: t('common.district'),
      dataIndex: 'districtCode',
      render: (_, r) => (r.districtCode ? districtName(districts, r.districtCode) : t('common.allDistricts')),
    },
    { title: t('common.status'), dataIndex: 'status', render: (_, r) => <StatusTag status={r.status} /> },
    {
      title: t('iss.progress'),
      render: (_, r) => (
        <Progress
          aria-label={t('iss.progress')}
          percent={r.percent}
          size="small"
          status={r.status === 'failed' ? 'exception' : r.status === 'running' ? 'active' : undefined}
          style={{ width: 140 }}
        />
      ),
    },
    { title: t('iss.issued'), dataIndex: 'issued', align: 'right' },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (_, r) => dateTime(r.createdAt) },
  ];

  return (
    <>
      <ProTable<Issuance>
        rowKey="id"
        actionRef={ref}
        headerTitle={t('menu.issuances')}
        columns={columns}
        search={false}
        pagination={{ defaultPageSize: 20 }}
        polling={(data) => (data?.some((r) => r.status === 'running') ? 2000 : 0)}
        locale={{
          emptyText: (
            <EmptyHint
              testId="issuances-empty"
              title={t('iss.empty.title')}
              action={
                isAdmin ? (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating('targeted')}>
                    {t('iss.newTargeted')}
                  </Button>
                ) : ops.has('uploadCustomIssuanceList') ? (
                  <Button icon={<UploadOutlined />} onClick={() => setCreating('custom')}>
                    {t('iss.newCustom')}
                  </Button>
                ) : undefined
              }
            >
              {isAdmin && <div>{t('iss.empty.targeted')}</div>}
              {ops.has('uploadCustomIssuanceList') && <div>{t('iss.empty.custom')}</div>}
            </EmptyHint>
          ),
        }}
        request={request}
        toolBarRender={() => [
          ops.has('uploadCustomIssuanceList') && (
            <Button key="c" icon={<UploadOutlined />} onClick={() => setCreating('custom')} data-testid="issuance-custom">
              {t('iss.newCustom')}
            </Button>
          ),
          isAdmin && (
            <Button key="t" type="primary" icon={<PlusOutlined />} onClick={() => setCreating('targeted')} data-testid="issuance-targeted">
              {t('iss.newTargeted')}
            </Button>
          ),
        ]}
      />
      <ModalForm
        title={creating === 'custom' ? t('iss.newCustom') : t('iss.newTargeted')}
        open={!!creating}
        form={form}
        onOpenChange={(o) => {
          if (!o) {
            setCreating(null);
            setPreview(null);
          }
        }}
        modalProps={{ destroyOnHidden: true, width: 640 }}
        initialValues={{ districtCode: me.districtCode ?? undefined }}
        submitter={{
          render: (props, dom) => [
            creating === 'targeted' && (
              <Button
                key="p"
                icon={<EyeOutlined />}
                onClick={async () => {
                  try {
                    const v = await form.validateFields();
                    setPreview(await ok(client.POST('/api/v1/issuances/preview', { body: body(v, 'targeted') })));
                  } catch (e) {
                    if (e instanceof Error) message.error(errorText(e));
                  }
                }}
                data-testid="issuance-preview"
              >
                {t('iss.preview')}
              </Button>
            ),
            ...dom,
          ],
        }}
        onFinish={async (v: Record<string, unknown>) => {
          try {
            const created = await ok(client.POST('/api/v1/issuances', { body: body(v, creating ?? 'targeted') }));
            message.success(t('common.saved'));
            ref.current?.reload();
            setSelected(created.id);
            return true;
          } catch (e) {
            message.error(errorText(e));
            return false;
          }
        }}
      >
        <ProFormText name="name" label={t('iss.name')} rules={[{ required: true }]} fieldProps={{ id: 'iss-name' }} />
        <ProFormSelect
          name="programmeId"
          label={t('common.programme')}
          rules={[{ required: true }]}
          options={programmes.filter((p) => p.status === 'open').map((p) => ({ value: p.id, label: p.name }))}
          fieldProps={{ id: 'iss-programme' }}
        />
        {isAdmin && (
          <ProFormSelect
            name="districtCode"
            label={t('common.district')}
            disabled={me.role === 'district_admin'}
            options={districts.map((d) => ({ value: d.code, label: d.name }))}
            placeholder={t('common.allDistricts')}
          />
        )}
        <Space>
          <Form.Item name="occupationCode" label={t('common.occupation')} style={{ width: 320 }}>
            <OccupationSelect id="iss-occupation" placeholder={t('apply.searchOccupation')} />
          </Form.Item>
          <ProFormSelect name="level" label={t('common.level')} width="sm" options={[5, 4, 3, 2, 1, 0].map((l) => ({ value: l, label: t(`level.${l}`) }))} />
        </Space>
        {creating === 'targeted' && (
          <>
            <ProFormSelect
              name="categoriesAny"
              label={t('persons.categories')}
              mode="multiple"
              options={CATEGORIES.map((c) => ({ value: c, label: t(`cat.${c}`) }))}
            />
            <Space>
              <ProFormSelect
                name="hukou"
                label={t('persons.hukou')}
                options={['local', 'nonlocal'].map((h) => ({ value: h, label: t(`persons.hukou.${h}`) }))}
              />
              <ProFormDigit name="ageMin" label={t('iss.ageMin')} min={0} max={120} fieldProps={{ precision: 0 }} />
              <ProFormDigit name="ageMax" label={t('iss.ageMax')} min={0} max={120} fieldProps={{ precision: 0 }} />
            </Space>
          </>
        )}
        <Space>
          <ProFormDigit name="quantityCap" label={t('iss.cap')} min={1} fieldProps={{ precision: 0 }} />
          <ProFormDigit name="validityMonths" label={t('prog.validityMonths')} min={1} max={60} fieldProps={{ precision: 0 }} />
        </Space>
        {preview && <Alert type="info" showIcon message={t('iss.previewResult', { ...preview })} data-testid="preview-result" />}
      </ModalForm>
      <IssuanceDrawer id={selected} onClose={() => setSelected(null)} onChange={() => ref.current?.reload()} />
    </>
  );
}

function IssuanceDrawer({ id, onClose, onChange }: { id: string | null; onClose: () => void; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const { me } = useSession();
  const [iss, setIss] = useState<Issuance | null>(null);
  const [report, setReport] = useState<CustomReport | null>(null);
  const [uploading, setUploading] = useState(false);
  /** bumped after an upload, so the list of who got a voucher reloads */
  const [listVersion, setListVersion] = useState(0);

  useEffect(() => {
    setIss(null);
    setReport(null);
    if (!id) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const r = await ok(client.GET('/api/v1/issuances/{id}', { params: { path: { id } } }));
        if (!live) return;
        setIss(r);
        if (r.status === 'running') timer = setTimeout(() => void poll(), 1000);
        else onChange();
      } catch (e) {
        message.error(errorText(e));
      }
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [id, iss?.status === 'running' ? 'running' : 'idle']);

  const run = async () => {
    if (!iss) return;
    try {
      await client.POST('/api/v1/issuances/{id}/run', { params: { path: { id: iss.id } } });
      setIss({ ...iss, status: 'running' });
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const upload = async (file: File) => {
    if (!iss) return;
    setUploading(true);
    try {
      setReport(await uploadFile('/api/v1/issuances/{id}/list', file, { path: { id: iss.id } }));
      setIss(await ok(client.GET('/api/v1/issuances/{id}', { params: { path: { id: iss.id } } })));
      setListVersion((n) => n + 1);
      onChange();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setUploading(false);
    }
  };
  /** Issuing cannot be undone: the file's name and what happens are confirmed before the upload. */
  const confirmUpload = (file: File): false => {
    modal.confirm({
      title: t('iss.uploadConfirm.title'),
      content: t('iss.uploadConfirm.body', { file: file.name, batch: iss?.name ?? '' }),
      okText: t('iss.uploadConfirm.ok'),
      cancelText: t('common.cancel'),
      onOk: () => void upload(file),
    });
    return false;
  };
  const isAdmin = me.role === 'city_admin' || me.role === 'district_admin';

  return (
    <Drawer open={!!id} onClose={onClose} width={640} title={iss?.name ?? ''} destroyOnHidden>
      {iss && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Card size="small">
            <Space size="large" wrap>
              {iss.mode === 'targeted' && <Statistic title={t('iss.matched')} value={iss.matchedTotal} />}
              <Statistic title={iss.mode === 'custom' ? t('iss.rowsProcessed') : t('iss.processed')} value={iss.processed} />
              <Statistic title={t('iss.issued')} value={iss.issued} valueStyle={{ color: '#3f8600' }} />
            </Space>
            <Progress
              aria-label={t('iss.progress')}
              percent={iss.percent}
              status={iss.status === 'failed' ? 'exception' : iss.status === 'running' ? 'active' : iss.status === 'done' ? 'success' : 'normal'}
              data-testid="issuance-progress"
            />
            <StatusTag status={iss.status} />
            {iss.error && <Alert type="error" showIcon message={iss.error} style={{ marginTop: 8 }} />}
          </Card>
          <IssuanceTerms iss={iss} />
          {Object.keys(iss.skipped).length > 0 && (
            <Descriptions size="small" column={1} bordered title={t('iss.skipped')}>
              {Object.entries(iss.skipped).map(([k, n]) => (
                <Descriptions.Item key={k} label={i18n.exists(`iss.skip.${k}`) ? t(`iss.skip.${k}`) : k}>
                  {n}
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
          {iss.mode === 'targeted' && isAdmin && iss.status !== 'running' && iss.status !== 'done' && (
            <Button type="primary" icon={<PlayCircleOutlined />} onClick={run} data-testid="issuance-run">
              {iss.status === 'failed' ? t('iss.resume') : t('iss.run')}
            </Button>
          )}
          {iss.mode === 'custom' && (
            <Card size="small" title={t('iss.uploadList')}>
              <Typography.Paragraph type="secondary">{t('iss.uploadHint')}</Typography.Paragraph>
              <Space>
                <Button
                  icon={<DownloadOutlined />}
                  onClick={() => download('/api/v1/issuances/custom-template', {}, 'custom-issuance-template.xlsx').catch((e) => message.error(errorText(e)))}
                  data-testid="custom-template"
                >
                  {t('common.template')}
                </Button>
                <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={confirmUpload}>
                  <Button type="primary" icon={<UploadOutlined />} loading={uploading} data-testid="custom-upload">
                    {t('common.upload')}
                  </Button>
                </Upload>
              </Space>
              {uploading && <Progress aria-label={t('iss.progress')} percent={99} status="active" showInfo={false} style={{ marginTop: 8 }} />}
            </Card>
          )}
          {report && (
            <Card size="small" title={t('iss.report')}>
              <Typography.Paragraph data-testid="custom-report">{t('iss.reportSummary', { ...report })}</Typography.Paragraph>
              {report.rows.length > 0 && (
                <Table
                  size="small"
                  rowKey={(r) => `${r.row}-${r.field ?? ''}-${r.code}`}
                  dataSource={report.rows}
                  pagination={{ pageSize: 10 }}
                  columns={[
                    { title: t('persons.row'), dataIndex: 'row', width: 70 },
                    {
                      title: t('common.field'),
                      dataIndex: 'field',
                      width: 120,
                      render: (v?: string) => (v ? (i18n.exists(`field.${v}`) ? t(`field.${v}`) : v) : '—'),
                    },
                    { title: t('common.reason'), render: (_, r) => (i18n.exists(`error.${r.code}`) ? t(`error.${r.code}`) : r.message) },
                  ]}
                />
              )}
            </Card>
          )}
          <IssuedVouchersCard id={iss.id} custom={iss.mode === 'custom'} version={`${listVersion}:${iss.issued}`} />
        </Space>
      )}
    </Drawer>
  );
}

/** What the batch issues: the programme, the occupation and level by name, the validity and the cap. */
function IssuanceTerms({ iss }: { iss: Issuance }) {
  const { t } = useTranslation();
  const programmes = useProgrammes();
  const d = iss.definition;
  const occupation = useOccupationName(d.occupationCode);
  const programme = programmes.find((p) => p.id === iss.programmeId);
  const validity = d.validUntil
    ? t('iss.terms.validUntil', { d: date(d.validUntil) })
    : t('iss.terms.validMonths', { n: d.validityMonths ?? programme?.validityMonths ?? '—' });
  return (
    <Descriptions size="small" column={2} bordered data-testid="issuance-terms">
      <Descriptions.Item label={t('common.programme')} span={2}>
        {programme?.name ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('common.occupation')}>{d.occupationCode ? (occupation ?? '…') : t('iss.terms.anyOccupation')}</Descriptions.Item>
      <Descriptions.Item label={t('common.level')}>{d.level != null ? t(`level.${d.level}`) : t('iss.terms.anyLevel')}</Descriptions.Item>
      <Descriptions.Item label={t('voucher.validity')}>{validity}</Descriptions.Item>
      <Descriptions.Item label={t('iss.cap')}>{d.quantityCap != null ? t('iss.terms.cap', { n: d.quantityCap }) : t('iss.terms.noCap')}</Descriptions.Item>
      <Descriptions.Item label={t('common.createdAt')} span={2}>
        {dateTime(iss.createdAt)}
      </Descriptions.Item>
    </Descriptions>
  );
}

/**
 * 发放名单: who got a voucher from this batch (masked), and where each voucher stands now — the count in each
 * state for the whole batch above, a page of vouchers below (the server pages them).
 */
function IssuedVouchersCard({ id, custom, version }: { id: string; custom: boolean; version: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const [data, setData] = useState<IssuedVouchers | null>(null);
  useEffect(() => {
    let live = true;
    ok(
      client.GET('/api/v1/issuances/{id}/vouchers', {
        params: { path: { id }, query: { limit: page.pageSize, offset: (page.current - 1) * page.pageSize } },
      }),
    ).then(
      (r) => live && setData(r),
      (e) => message.error(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [id, version, page.current, page.pageSize]);

  const counts = VOUCHER_ORDER.filter((s) => (data?.byStatus[s] ?? 0) > 0);
  return (
    <Card size="small" title={t('iss.vouchers.title', { n: data?.total ?? 0 })} data-testid="issuance-vouchers">
      {counts.length > 0 && (
        <Space size={[4, 4]} wrap style={{ marginBottom: 8 }} data-testid="issuance-vouchers-counts">
          {counts.map((s) => (
            <Tag key={s}>{t('iss.vouchers.count', { state: t(`voucher.status.${s}`, { defaultValue: t(`status.${s}`) }), n: data!.byStatus[s] })}</Tag>
          ))}
        </Space>
      )}
      <Table<IssuedVoucher>
        size="small"
        rowKey="id"
        loading={!data}
        dataSource={data?.items ?? []}
        pagination={{ ...page, total: data?.total ?? 0, hideOnSinglePage: true, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
        locale={{
          emptyText: <EmptyHint title={t('iss.vouchers.emptyTitle')}>{custom ? t('iss.vouchers.emptyCustom') : t('iss.vouchers.emptyTargeted')}</EmptyHint>,
        }}
        columns={[
          {
            title: t('iss.vouchers.holder'),
            render: (_, v) => (
              <Space direction="vertical" size={0}>
                <span style={{ whiteSpace: 'nowrap' }}>{v.holder.name}</span>
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  {v.holder.idNumberMasked}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('voucher.number'),
            render: (_, v) => (
              <Space direction="vertical" size={0}>
                <span style={{ whiteSpace: 'nowrap' }}>{v.number}</span>
                <Typography.Text type="secondary">{`${v.occupationName ?? '—'} · ${v.level != null ? t(`level.${v.level}`) : '—'}`}</Typography.Text>
              </Space>
            ),
          },
          { title: t('common.status'), render: (_, v) => <VoucherStatusTag status={v.status} /> },
          {
            title: t('iss.vouchers.dates'),
            render: (_, v) => (
              <Space direction="vertical" size={0}>
                <span style={{ whiteSpace: 'nowrap' }}>{t('iss.vouchers.issuedOn', { d: date(v.issuedAt) })}</span>
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  {t('iss.vouchers.validUntil', { d: date(v.validUntil) })}
                </Typography.Text>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
