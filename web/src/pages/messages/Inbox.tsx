/**
 * 我的消息 (站内信): the signed-in account's messages, newest first, unread ones marked. Tapping one marks it read and
 * opens what it is about (its in-app link, when this shell has that page) or unfolds its text; 全部已读 marks all.
 * The same page for a worker (phone) and staff (desktop); times in Shanghai time.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Badge, Button, Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { RightOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, ok, type ItemOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session';
import { canOpen, messageTime, type LinkableRoute } from './labels';
import { refreshUnread, setUnread } from './unread';

type Message = ItemOf<'/api/v1/messages/inbox'>;
const PAGE = 20;

export function InboxPage({ routes, settingsPath, mobile }: { routes: LinkableRoute[]; settingsPath: string; mobile?: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { me, ops } = useSession();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [items, setItems] = useState<Message[]>([]);
  const [total, setTotal] = useState(0);
  const [unread, setUnreadHere] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (offset: number) => {
      setLoading(true);
      try {
        const r = await ok(
          client.GET('/api/v1/messages/inbox', { params: { query: { unread: filter === 'unread' ? 'true' : undefined, limit: PAGE, offset } } }),
        );
        setItems((prev) => (offset === 0 ? r.items : [...prev, ...r.items.filter((m) => !prev.some((p) => p.id === m.id))]));
        setTotal(r.total);
        setUnreadHere(r.unread);
        setUnread(r.unread);
        setError(null);
      } catch (e) {
        setError(errorText(e));
      } finally {
        setLoading(false);
      }
    },
    [filter],
  );

  useEffect(() => {
    void load(0);
  }, [load, i18n.language]);

  const read = async (m: Message) => {
    const follow = canOpen(m.link, routes, ops, me.role);
    if (!m.readAt) {
      try {
        const r = await ok(client.POST('/api/v1/messages/inbox/{id}/read', { params: { path: { id: m.id } } }));
        setItems((prev) => prev.map((x) => (x.id === m.id ? { ...x, readAt: r.readAt } : x)));
        setUnreadHere((n) => Math.max(0, n - 1));
        void refreshUnread();
      } catch (e) {
        message.error(errorText(e));
        return;
      }
    }
    if (follow) navigate(m.link!);
    else setOpen((o) => (o === m.id ? null : m.id));
  };

  const readAll = async () => {
    setBusy(true);
    try {
      await ok(client.POST('/api/v1/messages/inbox/read-all'));
      message.success(t('messages.readAllDone'));
      await load(0);
      void refreshUnread();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const header = (
    <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
      <Segmented
        value={filter}
        onChange={(v) => setFilter(v as 'all' | 'unread')}
        options={[
          { value: 'all', label: t('messages.all') },
          { value: 'unread', label: t('messages.unreadOnly') },
        ]}
        data-testid="inbox-filter"
      />
      <Space>
        <Typography.Text type="secondary" data-testid="inbox-unread">
          {unread ? t('messages.unreadCount', { n: unread }) : t('messages.allRead')}
        </Typography.Text>
        <Button onClick={readAll} disabled={!unread} loading={busy} data-testid="inbox-read-all">
          {t('messages.readAll')}
        </Button>
      </Space>
    </Space>
  );

  const list = (
    <List<Message>
      dataSource={items}
      loading={loading && items.length === 0}
      data-testid="inbox-list"
      locale={{
        emptyText: (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <Space direction="vertical" size={2}>
                <span data-testid="inbox-empty">{t(filter === 'unread' ? 'messages.emptyUnread' : 'messages.empty')}</span>
                {filter === 'all' && (
                  <Typography.Text type="secondary">{t(me.role === 'worker' ? 'messages.emptyHint' : 'messages.emptyHintStaff')}</Typography.Text>
                )}
              </Space>
            }
          />
        ),
      }}
      loadMore={
        items.length < total ? (
          <div style={{ textAlign: 'center', margin: '12px 0' }}>
            <Button onClick={() => void load(items.length)} loading={loading} data-testid="inbox-more">
              {t('messages.more')}
            </Button>
          </div>
        ) : null
      }
      renderItem={(m) => {
        const unreadItem = !m.readAt;
        const follow = canOpen(m.link, routes, ops, me.role);
        return (
          <List.Item
            key={m.id}
            data-testid="inbox-item"
            data-id={m.id}
            data-unread={unreadItem ? 'yes' : 'no'}
            role="button"
            tabIndex={0}
            aria-label={unreadItem ? `${t('messages.unread')} ${m.title}` : m.title}
            onClick={() => void read(m)}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), void read(m))}
            className={unreadItem ? 'inbox-item inbox-item-unread' : 'inbox-item'}
            style={{ cursor: 'pointer', minHeight: 56, alignItems: 'flex-start', padding: '12px 8px' }}
            extra={follow ? <RightOutlined style={{ color: '#bbb', marginTop: 4 }} aria-hidden /> : null}
          >
            <List.Item.Meta
              avatar={<Badge status={unreadItem ? 'error' : 'default'} style={{ marginTop: 6 }} />}
              title={
                <Space size={6} wrap>
                  <Typography.Text strong={unreadItem} data-testid="inbox-title">
                    {m.title}
                  </Typography.Text>
                  {unreadItem && (
                    <Tag color="red" bordered={false} style={{ marginInlineEnd: 0 }}>
                      {t('messages.unread')}
                    </Tag>
                  )}
                </Space>
              }
              description={
                <>
                  <Typography.Paragraph
                    style={{ margin: '2px 0 4px', color: unreadItem ? 'rgba(0,0,0,0.78)' : undefined }}
                    ellipsis={open === m.id ? false : { rows: 2 }}
                    data-testid="inbox-body"
                  >
                    {m.body}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="inbox-time">
                    {messageTime(t, m.createdAt)}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        );
      }}
    />
  );

  const settings = (
    <Button type="link" icon={<SettingOutlined />} onClick={() => navigate(settingsPath)} data-testid="inbox-settings" style={{ paddingInline: 0 }}>
      {t('messages.settings')}
    </Button>
  );

  return (
    <Card
      className={mobile ? 'voucher-card' : undefined}
      title={mobile ? undefined : t('messages.inbox')}
      extra={mobile ? undefined : settings}
      data-testid="inbox-page"
      styles={{ body: { padding: mobile ? 12 : undefined } }}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {header}
      {list}
      {mobile && <div style={{ textAlign: 'center' }}>{settings}</div>}
    </Card>
  );
}
