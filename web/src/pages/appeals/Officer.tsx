/**
 * 申诉处理: the officers' queue (a district admin its district's, a city admin all) — the nearest due date first,
 * near and overdue highlighted; a row opens the appeal with the original decision and its reason, the person
 * (masked), the text and files, and the buttons: take (受理), uphold / overturn (each confirmed, with a written
 * reason), close (办结).
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Drawer, Form, Input, Modal, Select, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { client, ok, type QueryOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { date } from '../../lib/format';
import { EmptyHint } from '../../lib/ui';
import { AppealDetails, AppealStateTag, DeadlineTag, type Appeal } from './shared';
import { APPEAL_KINDS } from './Worker';

type Filter = QueryOf<'/api/v1/appeals'>;
const STATES = ['submitted', 'in_progress', 'answered', 'closed'] as const;

export function AppealsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const dueSoon = typeof location !== 'undefined' && new URLSearchParams(location.search).get('due') === 'soon';
  const [filter, setFilter] = useState<Filter>(dueSoon ? { due: 'soon' } : {});
  const [rows, setRows] = useState<Appeal[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Appeal | null>(null);
  const [answering, setAnswering] = useState<'uphold' | 'overturn' | null>(null);
  const [busy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);
  const [form] = Form.useForm<{ reason: string }>();

  useEffect(() => {
    setLoading(true);
    ok(client.GET('/api/v1/appeals', { params: { query: { ...filter, limit: 20, offset: (page - 1) * 20 } } })).then(
      (r) => (setRows(r.items), setTotal(r.total), setError(null), setLoading(false)),
      (e: unknown) => (setError(errorText(e)), setLoading(false)),
    );
  }, [filter, page, reload]);

  const done = (a: Appeal) => {
    message.success(t('appeals.done'));
    setOpen(a);
    setReload((x) => x + 1);
  };
  const act = async (step: 'take' | 'close') => {
    setBusy(true);
    try {
      const path = step === 'take' ? '/api/v1/appeals/{id}/take' : '/api/v1/appeals/{id}/close';
      done(await ok(client.POST(path, { params: { path: { id: open!.id } }, body: {} })));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const confirm = (step: 'take' | 'close') =>
    Modal.confirm({
      title: t(step === 'take' ? 'appeals.confirmTake' : 'appeals.confirmClose'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () => act(step),
    });
  const answer = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      done(
        await ok(client.POST('/api/v1/appeals/{id}/answer', { params: { path: { id: open!.id } }, body: { outcome: answering!, reason: v.reason.trim() } })),
      );
      setAnswering(null);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const set = (patch: Partial<Filter>) => (setFilter((f) => ({ ...f, ...patch })), setPage(1));

  return (
    <Card
      title={t('menu.appeals')}
      data-testid="appeals-page"
      extra={
        <Space wrap>
          <Select
            value={filter.state ?? ''}
            style={{ width: 120 }}
            onChange={(v: Filter['state'] | '') => set({ state: v || undefined })}
            options={[{ value: '', label: t('appeals.state.all') }, ...STATES.map((s) => ({ value: s, label: t(`appeals.state.${s}`) }))]}
            data-testid="appeals-state"
          />
          <Select
            value={filter.kind ?? ''}
            style={{ width: 180 }}
            onChange={(v: Filter['kind'] | '') => set({ kind: v || undefined })}
            options={[{ value: '', label: t('appeals.kind.all') }, ...APPEAL_KINDS.map((k) => ({ value: k, label: t(`appeals.kind.${k}`) }))]}
          />
          <Checkbox checked={filter.due === 'soon'} onChange={(e) => set({ due: e.target.checked ? 'soon' : undefined })}>
            {t('appeals.filter.dueSoon')}
          </Checkbox>
          <Checkbox checked={filter.overdue === 'true'} onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}>
            {t('appeals.filter.overdue')}
          </Checkbox>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Table
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        rowClassName={(a) => (a.deadline === 'overdue' ? 'row-overdue' : a.deadline === 'near' ? 'row-near' : '')}
        onRow={(a) => ({ onClick: () => setOpen(a), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: 20, total, onChange: setPage, showTotal: (n) => t('common.total', { total: n }) }}
        locale={{
          emptyText: loading ? undefined : Object.values(filter).some((v) => v !== undefined) ? (
            <EmptyHint
              testId="appeals-empty"
              title={t('appeals.empty.filtered')}
              action={
                <Button onClick={() => (setFilter({}), setPage(1))} data-testid="appeals-empty-clear">
                  {t('appeals.empty.clear')}
                </Button>
              }
            />
          ) : (
            <EmptyHint testId="appeals-empty" title={t('appeals.empty.title')}>
              {t('appeals.empty.text')}
            </EmptyHint>
          ),
        }}
        columns={[
          { title: t('appeals.number'), dataIndex: 'number' },
          { title: t('appeals.object'), dataIndex: 'kind', render: (k: Appeal['kind'], a) => `${t(`appeals.kind.${k}`)} · ${a.objectLabel}` },
          { title: t('appeals.person'), dataIndex: 'person' },
          { title: t('appeals.submittedAt'), dataIndex: 'submittedAt', render: (v: string) => date(v) },
          { title: t('appeals.dueOn'), key: 'due', render: (_: unknown, a) => <DeadlineTag a={a} /> },
          { title: t('appeals.stateLabel'), key: 'state', render: (_: unknown, a) => <AppealStateTag a={a} /> },
          { title: t('common.actions'), key: 'open', render: (_: unknown, a) => <a data-testid={`appeal-open-${a.number}`}>{t('appeals.open')}</a> },
        ]}
      />
      <Drawer open={!!open} width={640} title={t('appeals.detail')} onClose={() => setOpen(null)} destroyOnHidden>
        {open && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <AppealDetails a={open} officer />
            <Space wrap>
              {open.state === 'submitted' && (
                <Button type="primary" loading={busy} onClick={() => confirm('take')} data-testid="appeal-take">
                  {t('appeals.take')}
                </Button>
              )}
              {open.state === 'in_progress' && (
                <>
                  <Button onClick={() => (form.resetFields(), setAnswering('uphold'))} data-testid="appeal-uphold">
                    {t('appeals.uphold')}
                  </Button>
                  <Button type="primary" danger onClick={() => (form.resetFields(), setAnswering('overturn'))} data-testid="appeal-overturn">
                    {t('appeals.overturn')}
                  </Button>
                </>
              )}
              {open.state === 'answered' && (
                <Button loading={busy} onClick={() => confirm('close')} data-testid="appeal-close">
                  {t('appeals.close')}
                </Button>
              )}
            </Space>
          </Space>
        )}
      </Drawer>
      <Modal
        open={!!answering}
        title={answering ? t(`appeals.${answering}`) : ''}
        onCancel={() => setAnswering(null)}
        onOk={answer}
        confirmLoading={busy}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: answering === 'overturn', id: 'appeal-answer-ok' }}
        destroyOnHidden
      >
        <Alert
          type={answering === 'overturn' ? 'warning' : 'info'}
          showIcon
          message={answering ? t(`appeals.confirm${answering === 'overturn' ? 'Overturn' : 'Uphold'}`) : ''}
          style={{ marginBottom: 12 }}
        />
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('appeals.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('appeals.reasonRequired') }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount data-testid="appeal-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
