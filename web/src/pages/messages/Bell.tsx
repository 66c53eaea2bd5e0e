/** The header's bell: the unread count, leading to the inbox. An icon-only button, so it carries an aria-label. */
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session';
import { useUnreadCount } from './unread';

export function MessageBell({ path, variant }: { path: string; variant: 'mobile' | 'staff' }) {
  const { t } = useTranslation();
  const { ops } = useSession();
  const enabled = ops.has('unreadMessageCount') && ops.has('listInbox');
  const n = useUnreadCount(path, enabled);
  if (!enabled) return null;
  const label = n ? t('messages.bellUnread', { n }) : t('messages.bell');
  return (
    <Badge count={n ?? 0} overflowCount={99} size="small" offset={variant === 'mobile' ? [-4, 4] : [-2, 2]}>
      <Button
        size={variant === 'mobile' ? 'small' : 'middle'}
        type={variant === 'mobile' ? 'default' : 'text'}
        icon={<BellOutlined />}
        aria-label={label}
        title={label}
        data-testid="message-bell"
        data-unread={n ?? ''}
        onClick={() => navigate('/messages')}
      />
    </Badge>
  );
}
