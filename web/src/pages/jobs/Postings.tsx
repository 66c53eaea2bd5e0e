/**
 * 就业岗位 for enterprises and officers: the postings they manage with their candidates' counts, posting a job, the
 * candidates (masked until the worker consents), taking a posting down (officers), the sheet import and the public
 * employment service's feed, and the recommendation results by district.
 */
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { CloudSyncOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { client, download, ok, upload, type BodyOf, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { date, dateMinute, yuan } from '../../lib/format';
import { districtName, useDistricts } from '../../lib/data';
import { useSession } from '../../lib/session';

type Managed = ResponseOf<'/api/v1/jobs/postings'>['items'][number];
type Candidates = ResponseOf<'/api/v1/jobs/postings/{id}/candidates'>;
type PostingForm = Omit<BodyOf<'/api/v1/jobs/postings', 'post'>, 'validUntil' | 'payMinFen' | 'payMaxFen'> & {
  validUntil: Dayjs;
  payMin: number;
  payMax: number;
};

/** A short cell (a district, a date, a pay range) stays on one line: "浦东新区", not "浦东新 / 区". */
const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

function OccupationPicker(props: { value?: string; onChange?: (v: string) => void }) {
  const [options, setOptions] = useState<Array<{ value: string; label: string }>>([]);
  const search = (q: string) => {
    if (!q.trim()) return;
    void ok(client.GET('/api/v1/occupations', { params: { query: { q: q.trim(), limit: 30 } } })).then((r) =>
      setOptions(r.items.map((o) => ({ value: o.code, label: `${o.name}（${o.code}）` }))),
    );
  };
  return (
    <Select showSearch filterOption={false} onSearch={search} options={options} value={props.value} onChange={props.onChange} data-testid="job-occupation" />
  );
}

function NewPosting({ open, onClose, onSaved, officer }: { open: boolean; onClose: () => void; onSaved: () => void; officer: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const districts = useDistricts();
  const [form] = Form.useForm<PostingForm>();
  const save = async (v: PostingForm) => {
    try {
      await ok(
        client.POST('/api/v1/jobs/postings', {
          body: {
            title: v.title,
            employerName: v.employerName,
            occupationCode: v.occupationCode,
            level: v.level ?? null,
            districtCode: v.districtCode,
            address: v.address,
            lat: v.lat,
            lng: v.lng,
            coordSystem: 'gcj02',
            payMinFen: Math.round(v.payMin * 100),
            payMaxFen: Math.round(v.payMax * 100),
            headcount: v.headcount,
            validUntil: v.validUntil.format('YYYY-MM-DD'),
          },
        }),
      );
      message.success(t('common.saved'));
      form.resetFields();
      onSaved();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const levels = [1, 2, 3, 4, 5].map((l) => ({ value: l, label: t(`level.${l}`) }));
  return (
    <Modal open={open} title={t('jobs.new')} onCancel={onClose} onOk={() => form.submit()} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="title" label={t('jobs.title')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        {officer && (
          <Form.Item name="employerName" label={t('jobs.employer')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        <Form.Item name="occupationCode" label={t('jobs.occupation')} rules={[{ required: true }]}>
          <OccupationPicker />
        </Form.Item>
        <Space wrap>
          <Form.Item name="level" label={t('jobs.level')}>
            <Select allowClear placeholder={t('jobs.anyLevel')} options={levels} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="districtCode" label={t('common.district')} rules={[{ required: officer }]}>
            <Select allowClear options={districts.map((d) => ({ value: d.code, label: d.name }))} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="headcount" label={t('jobs.count')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10000} />
          </Form.Item>
        </Space>
        <Form.Item name="address" label={t('jobs.address')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="lat" label={t('jobs.lat')} rules={[{ required: true }]}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="lng" label={t('jobs.lng')} rules={[{ required: true }]}>
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="payMin" label={t('jobs.payMin')} rules={[{ required: true }]}>
            <InputNumber min={0} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="payMax" label={t('jobs.payMax')} rules={[{ required: true }]}>
            <InputNumber min={0} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="validUntil" label={t('jobs.validUntil')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function CandidatesDrawer({ posting, onClose, onChanged }: { posting: Managed | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [data, setData] = useState<Candidates | null>(null);
  const load = useCallback(() => {
    if (posting)
      ok(client.GET('/api/v1/jobs/postings/{id}/candidates', { params: { path: { id: posting.id } } })).then(setData, (e) => message.error(errorText(e)));
  }, [posting, message]);
  useEffect(load, [load]);
  const contacted = async (id: string) => {
    try {
      await ok(client.POST('/api/v1/jobs/interests/{id}/contacted', { params: { path: { id } } }));
      load();
      onChanged();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Drawer open={!!posting} onClose={onClose} width={720} title={`${t('jobs.candidates')} · ${posting?.title ?? ''}`} data-testid="job-candidates">
      <Typography.Paragraph type="secondary">{t('jobs.maskedNote')}</Typography.Paragraph>
      <Table
        rowKey="interestId"
        size="small"
        pagination={false}
        loading={!data}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('jobs.noCandidates') }}
        columns={[
          { title: t('jobs.name'), dataIndex: 'name' },
          { title: t('jobs.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          {
            title: t('jobs.certs'),
            dataIndex: 'certificates',
            render: (cs: Candidates['items'][number]['certificates']) =>
              cs.map((c, i) => <Tag key={i}>{`${c.occupationName ?? c.occupationCode} ${t(`level.${c.level}`)}`}</Tag>),
          },
          { title: t('jobs.interestedAt'), dataIndex: 'interestedAt', render: (v: string) => dateMinute(v) },
          {
            title: t('common.actions'),
            render: (_: unknown, r) =>
              r.contacted ? (
                <Tag color="green">{t('jobs.stat.contacted')}</Tag>
              ) : r.consented ? (
                <Button size="small" onClick={() => void contacted(r.interestId)} data-testid="job-contacted">
                  {t('jobs.markContacted')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Drawer>
  );
}

function StatsCard() {
  const { t } = useTranslation();
  const districts = useDistricts();
  const [data, setData] = useState<ResponseOf<'/api/v1/jobs/stats'> | null>(null);
  useEffect(() => {
    ok(client.GET('/api/v1/jobs/stats')).then(setData, () => setData(null));
  }, []);
  const cols = (['open', 'recommended', 'interested', 'consented', 'contacted'] as const).map((k) => ({
    title: t(`jobs.stat.${k}`),
    dataIndex: k === 'open' ? 'openPostings' : k,
  }));
  return (
    <Card size="small" title={t('jobs.stats')} style={{ marginBottom: 16 }}>
      <Table
        rowKey="districtCode"
        size="small"
        pagination={false}
        dataSource={data?.items ?? []}
        data-testid="job-stats"
        columns={[{ title: t('common.district'), dataIndex: 'districtCode', render: (v: string) => districtName(districts, v) }, ...cols]}
      />
    </Card>
  );
}

export function PostingsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { me } = useSession();
  const districts = useDistricts();
  const officer = me.role === 'city_admin' || me.role === 'district_admin';
  const [page, setPage] = useState<ResponseOf<'/api/v1/jobs/postings'> | null>(null);
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<Managed | null>(null);
  const load = useCallback(() => {
    ok(client.GET('/api/v1/jobs/postings', { params: { query: { limit: 200 } } })).then(setPage, (e) => message.error(errorText(e)));
  }, [message]);
  useEffect(load, [load]);
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      load();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const takeDown = (p: Managed) => {
    let reason = '';
    modal.confirm({
      title: `${t('jobs.takeDown')} · ${p.title}`,
      content: (
        <Input.TextArea
          rows={3}
          maxLength={500}
          placeholder={t('jobs.takeDownReason')}
          onChange={(e) => (reason = e.target.value)}
          data-testid="take-down-reason"
        />
      ),
      onOk: () => act(() => ok(client.POST('/api/v1/jobs/postings/{id}/take-down', { params: { path: { id: p.id } }, body: { reason: reason.trim() } }))),
    });
  };
  const importFile = async (file: File) => {
    await act(async () => {
      const r = await upload('/api/v1/jobs/postings/import', file);
      message.info(t('jobs.imported', { n: r.imported, e: r.errors.length }));
    });
    return false;
  };
  return (
    <>
      {officer && <StatsCard />}
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="job-new">
          {t('jobs.new')}
        </Button>
        {officer && (
          <>
            <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => importFile(f)}>
              <Button icon={<UploadOutlined />}>{t('jobs.import')}</Button>
            </Upload>
            <Button icon={<DownloadOutlined />} onClick={() => void download('/api/v1/jobs/postings/template.xlsx', {}, 'job-postings-template.xlsx')}>
              {t('jobs.template')}
            </Button>
          </>
        )}
        {me.role === 'city_admin' && (
          <Button
            icon={<CloudSyncOutlined />}
            onClick={() =>
              void act(async () => {
                const r = await ok(client.POST('/api/v1/jobs/feed/sync'));
                message.success(t('jobs.synced', { s: r.source, n: r.created, u: r.unchanged }));
              })
            }
          >
            {t('jobs.sync')}
          </Button>
        )}
      </Space>
      <Table<Managed>
        rowKey="id"
        size="small"
        loading={!page}
        dataSource={page?.items ?? []}
        locale={{ emptyText: t('jobs.noPostings') }}
        data-testid="job-postings"
        columns={[
          {
            title: t('jobs.title'),
            dataIndex: 'title',
            render: (v: string, r) => (
              <div>
                {v}
                <div className="page-note">
                  {r.employerName} · {t(`jobs.source.${r.source}`)}
                </div>
              </div>
            ),
          },
          {
            title: t('jobs.occupation'),
            dataIndex: 'occupationName',
            render: (v: string | null, r) => `${v ?? r.occupationCode} · ${r.level === null ? t('jobs.anyLevel') : t(`level.${r.level}`)}`,
          },
          { title: t('common.district'), dataIndex: 'districtCode', render: (v: string) => districtName(districts, v), onCell: nowrap },
          {
            title: t('jobs.payRange'),
            render: (_: unknown, r) => `${yuan(r.payMinFen)} ~ ${yuan(r.payMaxFen)}`,
            onCell: nowrap,
          },
          { title: t('jobs.count'), dataIndex: 'headcount', render: (v: number) => t('jobs.people', { n: v }), onCell: nowrap, onHeaderCell: nowrap },
          { title: t('jobs.validUntil'), dataIndex: 'validUntil', render: (v: string) => date(v), onCell: nowrap },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (v: string) => <Tag color={v === 'open' ? 'green' : 'default'}>{t(`jobs.status.${v}`)}</Tag>,
          },
          {
            title: t('jobs.candidates'),
            render: (_: unknown, r) => (
              <Button type="link" size="small" onClick={() => setViewing(r)} data-testid="job-candidates-open">
                {t('jobs.candidatesCount', { i: r.interested, c: r.consented, d: r.contacted })}
              </Button>
            ),
          },
          {
            title: t('common.actions'),
            render: (_: unknown, r) =>
              r.status !== 'open' ? null : officer ? (
                <Button size="small" danger onClick={() => takeDown(r)}>
                  {t('jobs.takeDown')}
                </Button>
              ) : (
                <Button size="small" onClick={() => void act(() => ok(client.POST('/api/v1/jobs/postings/{id}/close', { params: { path: { id: r.id } } })))}>
                  {t('jobs.close')}
                </Button>
              ),
          },
        ]}
      />
      <NewPosting
        open={creating}
        officer={officer}
        onClose={() => setCreating(false)}
        onSaved={() => {
          setCreating(false);
          load();
        }}
      />
      <CandidatesDrawer posting={viewing} onClose={() => setViewing(null)} onChanged={load} />
    </>
  );
}
