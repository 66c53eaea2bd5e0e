/**
 * 异议处理: the officers' queue of objections to claims under public notice (open by default; a district admin its
 * district's). A reviewer takes one up: hold the claim for review, or dismiss the objection with an opinion.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Card, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { client, ok, type ItemOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { districtName, useDistricts } from '../../lib/data';
import { dateTime } from '../../lib/format';
import { useSession } from '../../lib/session';
import { StatusTag } from '../../lib/ui';

type Objection = ItemOf<'/api/v1/subsidy/objections'>;
const STATES = ['open', 'upheld', 'dismissed'] as const;

export function ObjectionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const districts = useDistricts();
  const [status, setStatus] = useState<(typeof STATES)[number]>('open');
  const [rows, setRows] = useState<Objection[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [taking, setTaking] = useState<Objection | null>(null);
  const [page, setPage] = useState(1);
  const [reload, setReload] = useState(0);
  const [form] = Form.useForm<{ action: 'hold' | 'dismiss'; opinion: string }>();
  const reviewer = me.role === 'city_admin' || me.role === 'district_admin';

  useEffect(() => {
    setLoading(true);
    ok(client.GET('/api/v1/subsidy/objections', { params: { query: { status, limit: 20, offset: (page - 1) * 20 } } })).then(
      (r) => (setRows(r.items), setTotal(r.total), setError(null), setLoading(false)),
      (e: unknown) => (setError(errorText(e)), setLoading(false)),
    );
  }, [status, page, reload]);

  const resolve = async () => {
    const v = await form.validateFields();
    try {
      await ok(client.POST('/api/v1/subsidy/objections/{id}/resolve', { params: { path: { id: taking!.id } }, body: v }));
      message.success(t('common.saved'));
      setTaking(null);
      setReload((x) => x + 1);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Card
      title={t('menu.objections')}
      data-testid="objections-page"
      extra={
        <Select
          value={status}
          onChange={(v) => (setStatus(v), setPage(1))}
          style={{ width: 140 }}
          options={STATES.map((s) => ({ value: s, label: t(`objection.state.${s}`) }))}
          data-testid="objection-status"
        />
      }
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Table
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={{ current: page, pageSize: 20, total, onChange: setPage, showTotal: (n) => t('common.total', { total: n }) }}
        columns={[
          { title: t('claim.number'), dataIndex: 'claimNumber' },
          { title: t('common.district'), dataIndex: 'districtCode', render: (v: string | null) => districtName(districts, v) },
          {
            title: t('objection.text'),
            dataIndex: 'text',
            render: (v: string) => (
              <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>
                {v}
              </Typography.Paragraph>
            ),
          },
          { title: t('objection.kind'), dataIndex: 'realName', render: (v: boolean) => <Tag>{t(v ? 'objection.realName' : 'objection.anonymous')}</Tag> },
          { title: t('objection.claimStatus'), dataIndex: 'claimStatus', render: (v: string) => <StatusTag status={v} /> },
          { title: t('objection.at'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
          { title: t('objection.resolution'), dataIndex: 'resolution', render: (v: string | null) => v ?? '—' },
          ...(reviewer && status === 'open'
            ? [
                {
                  title: t('common.actions'),
                  key: 'act',
                  render: (_: unknown, r: Objection) => <a onClick={() => (form.resetFields(), setTaking(r))}>{t('objection.take')}</a>,
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!taking}
        title={t('objection.take')}
        onCancel={() => setTaking(null)}
        onOk={resolve}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ action: 'hold' }}>
          <Form.Item name="action" label={t('objection.action')}>
            <Radio.Group>
              <Space direction="vertical">
                <Radio value="hold">{t('objection.hold')}</Radio>
                <Radio value="dismiss">{t('objection.dismiss')}</Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="opinion" label={t('objection.opinion')} rules={[{ required: true, whitespace: true, message: t('objection.opinionRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
