/**
 * 短信模拟器: the built-in SMS simulator's outbox (city admin, auditor) — what the platform would have texted, to a
 * masked number, with its state: scheduled (waiting for the end of the quiet hours), sent, failed. Named as the
 * simulator it is: nothing on this page went through a real gateway.
 */
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
  const {
    rows,
    total,
    page,
    setPage,
    loading,
    error,
    reload: load,
  } = usePagedList((limit, offset) => ok(client.GET('/api/v1/messages/sms-simulator', { params: { query: { limit, offset } } })), PAGE);

  return (
    <Card
      title={
        <span data-testid="sms-sim-title">
          <ExperimentOutlined style={{ marginInlineEnd: 8 }} />
          {t('messages.sim.title')}
        </span>
      }
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void load()} data-testid="sms-sim-refresh">
          {t('common.refresh')}
        </Button>
      }
    >
      <Alert type="warning" showIcon message={t('messages.sim.banner')} style={{ marginBottom: 12 }} data-testid="sms-sim-banner" />
      <Typography.Paragraph type="secondary">{t('messages.sim.quietNote')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Table<Sms>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        data-testid="sms-sim-table"
        locale={{ emptyText: t('messages.sim.empty') }}
        pagination={{ current: page, pageSize: PAGE, total, onChange: setPage, showTotal: (n) => t('common.total', { total: n }), showSizeChanger: false }}
        columns={[
          { title: t('messages.sim.phone'), dataIndex: 'phoneMasked', width: 130, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('messages.sim.event'), dataIndex: 'event', width: 150, render: (v: string) => eventLabel(t, i18n, v) },
          { title: t('messages.sim.text'), dataIndex: 'text', render: (v: string) => <span data-testid="sms-sim-text">{v}</span> },
          {
            title: t('messages.sim.state'),
            dataIndex: 'state',
            width: 170,
            render: (v: Sms['state']) => (
              <Tag color={STATE_COLOR[v]} data-state={v}>
                {t(`messages.sim.state.${v}`)}
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
