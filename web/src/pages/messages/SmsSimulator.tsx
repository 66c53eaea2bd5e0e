/**
 * 短信模拟器: the SMS outbox (city admin, auditor) — what the platform texted or would have texted, to a masked
 * number, with its state: scheduled (waiting for the end of the quiet hours), sent, failed. Its title, banner and
 * "sent" label follow the gateway: the built-in simulator (nothing left the machine: 已发送（模拟）) or, when
 * SMS_GATEWAY_URL is set, the real gateway (短信发送记录, 已发送（短信网关）); each sent row says which one it went through.
 */
import { useState } from 'react';
import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import { ExperimentOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, ok, type ItemOf } from '../../lib/api';
import { usePagedList } from '../../lib/paged';
import { dateTime } from '../../lib/format';
import { eventLabel } from './labels';

type Sms = ItemOf<'/api/v1/messages/sms-simulator'>;
const STATE_COLOR: Record<Sms['state'], string> = { scheduled: 'gold', sent: 'green', failed: 'red' };
const PAGE = 20;

export function SmsSimulatorPage() {
  const { t, i18n } = useTranslation();
  // the gateway configured now (the API says): the simulator until it answers otherwise
  const [gateway, setGateway] = useState<'simulator' | 'gateway'>('simulator');
  const real = gateway === 'gateway';
  const {
    rows,
    total,
    page,
    setPage,
    loading,
    error,
    reload: load,
  } = usePagedList(
    (limit, offset) =>
      ok(client.GET('/api/v1/messages/sms-simulator', { params: { query: { limit, offset } } })).then((r) => {
        setGateway(r.gateway);
        return r;
      }),
    PAGE,
  );

  return (
    <Card
      title={
        <span data-testid="sms-sim-title" data-gateway={gateway}>
          {!real && <ExperimentOutlined style={{ marginInlineEnd: 8 }} />}
          {t(real ? 'messages.sim.titleGateway' : 'messages.sim.title')}
        </span>
      }
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void load()} data-testid="sms-sim-refresh">
          {t('common.refresh')}
        </Button>
      }
    >
      <Alert
        type={real ? 'info' : 'warning'}
        showIcon
        message={t(real ? 'messages.sim.bannerGateway' : 'messages.sim.banner')}
        style={{ marginBottom: 12 }}
        data-testid="sms-sim-banner"
      />
      <Typography.Paragraph type="secondary">{t('messages.sim.quietNote')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Table<Sms>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        data-testid="sms-sim-table"
        locale={{ emptyText: t(real ? 'messages.sim.emptyGateway' : 'messages.sim.empty') }}
        pagination={{ current: page, pageSize: PAGE, total, onChange: setPage, showTotal: (n) => t('common.total', { total: n }), showSizeChanger: false }}
        columns={[
          { title: t('messages.sim.phone'), dataIndex: 'phoneMasked', width: 130, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('messages.sim.event'), dataIndex: 'event', width: 150, render: (v: string) => eventLabel(t, i18n, v) },
          { title: t('messages.sim.text'), dataIndex: 'text', render: (v: string) => <span data-testid="sms-sim-text">{v}</span> },
          {
            title: t('messages.sim.state'),
            dataIndex: 'state',
            width: 170,
            render: (v: Sms['state'], r: Sms) => (
              <Tag color={STATE_COLOR[v]} data-state={v} data-via={r.via ?? undefined}>
                {t(v === 'sent' && r.via === 'gateway' ? 'messages.sim.state.sentGateway' : `messages.sim.state.${v}`)}
              </Tag>
            ),
          },
          { title: t('messages.sim.scheduledFor'), dataIndex: 'scheduledFor', width: 170, render: (v: string) => dateTime(v) },
          { title: t('messages.sim.sentAt'), dataIndex: 'sentAt', width: 170, render: (v: string | null) => dateTime(v) },
        ]}
      />
    </Card>
  );
}
