import { Button, ConfigProvider, Result } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { navigate } from '../lib/router';
import { useSession } from '../lib/session';
import { LangSwitch } from '../pages/common';
import { ElderSwitch, touchTheme, useElder } from '../lib/elder';
import { workerRoutesFor } from './workerRoutes';
import { MessageBell } from '../pages/messages/Bell';

export function WorkerShell({ path }: { path: string }) {
  const { t, i18n } = useTranslation();
  const { ops, signOut } = useSession();
  const routes = workerRoutesFor(ops);
  const current = routes.find((r) => (r.match ? r.match(path) : r.path === path)) ?? (path === '/essc' || path === '/login' ? routes[0] : undefined);
  const tabs = routes.filter((r) => r.tab);
  const elder = useElder();
  return (
    <ConfigProvider theme={touchTheme(elder)}>
      <div className="mobile-shell">
        <header className="mobile-header">
          <h1>{current ? t(current.name) : t('app.title')}</h1>
          <span className="mobile-header-actions">
            <ElderSwitch />
            <LangSwitch />
            <MessageBell path={path} variant="mobile" />
            {routes.some((r) => r.path === '/me') && (
              <Button size="small" icon={<UserOutlined />} onClick={() => navigate('/me')} aria-label={t('menu.me')} data-testid="nav-me" />
            )}
            <Button size="small" icon={<LogoutOutlined />} onClick={() => void signOut()} aria-label={t('app.signOut')} />
          </span>
        </header>
        <main className="mobile-body" data-testid={current ? `page-${current.path}` : 'page-404'}>
          {current !== undefined ? (
            current.render(path)
          ) : (
            <Result status="404" title="404" extra={<Button onClick={() => navigate('/')}>{t('menu.home')}</Button>} />
          )}
        </main>
        <nav className="mobile-tabs">
          {tabs.map((r) => (
            <button key={r.path} className={current?.path === r.path ? 'active' : ''} data-testid={`tab-${r.path}`} onClick={() => navigate(r.path)}>
              {r.icon}
              {/* 长辈版: the large letters fit six tabs on a phone only as short names (培训券, 培训, 结果 …) */}
              <span>{elder && i18n.exists(`tab.short.${r.path}`) ? t(`tab.short.${r.path}`) : t(r.name)}</span>
            </button>
          ))}
        </nav>
      </div>
    </ConfigProvider>
  );
}
