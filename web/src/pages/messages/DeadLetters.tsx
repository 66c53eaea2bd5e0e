/**
 * 投递失败: messages not delivered after their retries (city admin; a district admin the district's recipients; the
 * auditor reads only). After the cause is fixed an admin puts one back in the queue, after a confirmation.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Popover, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, ok, type ItemOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { usePagedList } from '../../lib/paged';
import { dateTime } from '../../lib/format';
import { useSession } from '../../lib/session';
import { eventLabel } from './labels';

type DeadLetter = ItemOf<'/api/v1/messages/dead-letters'>;
const PAGE = 20;

export function DeadLettersPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { me, ops } = useSession();
  const canRetry = (me.role === 'city_admin' || me.role === 'district_admin') && ops.has('retryDeadLetter');
  const {
    rows,
    total,
    page,
    setPage,
    loading,
    error,
    reload: load,
  } = usePagedList((limit, offset) => ok(client.GET('/api/v1/messages/dead-letters', { params: { query: { limit, offset } } })), PAGE);
  const [retrying, setRetrying] = useState<string | null>(null);

  const retry = async (d: DeadLetter) => {
    setRetrying(d.id);
    try {
      await ok(client.POST('/api/v1/messages/dead-letters/{id}/retry', { params: { path: { id: d.id } } }));
      message.success(t('messages.dead.retried'));
      await load();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setRetrying(null);
    }
  };

  return (
    <Card
      title={t('messages.dead.title')}
      data-testid="dead-letters-page"
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {t('common.refresh')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('messages.dead.intro')}</Typography.Paragraph>
      {!canRetry && <Alert type="info" showIcon message={t('messages.dead.readOnly')} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Table<DeadLetter>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        data-testid="dead-letters-table"
        locale={{ emptyText: t('messages.dead.empty') }}
        pagination={{ current: page, pageSize: PAGE, total, onChange: setPage, showTotal: (n) => t('common.total', { total: n }), showSizeChanger: false }}
        columns={[
          { title: t('messages.dead.event'), dataIndex: 'event', render: (v: string) => eventLabel(t, i18n, v) },
          { title: t('messages.dead.channel'), dataIndex: 'channel', width: 90, render: (v: DeadLetter['channel']) => <Tag>{t(`messages.channel.${v}`)}</Tag> },
          { title: t('messages.dead.recipient'), dataIndex: 'recipientLabel', width: 120 },
          { title: t('messages.dead.attempts'), dataIndex: 'attempts', width: 90, align: 'right' },
          {
            title: t('messages.dead.lastError'),
            dataIndex: 'lastError',
            // the transport's own words (often English): behind a click, for whoever fixes the cause
            render: (v: string) => (
              <Popover
                content={
                  <Typography.Text code style={{ maxWidth: 420, display: 'block', whiteSpace: 'pre-wrap' }}>
                    {v}
                  </Typography.Text>
                }
                trigger="click"
              >
                <Typography.Link>{t('messages.dead.errorHidden')}</Typography.Link>
              </Popover>
            ),
          },
          { title: t('messages.dead.failedAt'), dataIndex: 'failedAt', width: 170, render: (v: string) => dateTime(v) },
          ...(canRetry
            ? [
                {
                  title: t('common.actions'),
                  key: 'retry',
                  width: 110,
                  render: (_: unknown, d: DeadLetter) => (
                    <Popconfirm
                      title={t('messages.dead.retryConfirm')}
                      description={t('messages.dead.retryNote')}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => retry(d)}
                    >
                      <Button size="small" loading={retrying === d.id} data-testid="dead-letter-retry">
                        {t('messages.dead.retry')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
