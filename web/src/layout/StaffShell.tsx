import { ProLayout, type MenuDataItem } from '@ant-design/pro-components';
import { Button, Dropdown, Result, Space, Tag } from 'antd';
import { LogoutOutlined, QuestionCircleOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { navigate } from '../lib/router';
import { useSession } from '../lib/session';
import { LangSwitch } from '../pages/common';
import { ElderSwitch, staffLayoutFor, useElder } from '../lib/elder';
import { groupIcons, routesFor } from './routes';
import { MessageBell } from '../pages/messages/Bell';

export function StaffShell({ path }: { path: string }) {
  const { t } = useTranslation();
  const { me, ops, signOut } = useSession();
  const elder = useElder();
  const all = routesFor(me.role, ops);
  const routes = all.filter((r) => !r.match);
  const current = all.find((r) => (r.match ? r.match(path) : r.path === path)) ?? (path === '/login' || path === '/essc' ? routes[0] : undefined);
  const menuPath = current?.match ? current.path.replace('/:id', '') : current?.path;

  const menu: MenuDataItem[] = [];
  for (const r of routes) {
    const item: MenuDataItem = { path: r.path, name: t(r.name), icon: r.icon, key: r.path };
    if (r.group) {
      let g = menu.find((m) => m.key === r.group);
      if (!g) {
        g = { key: r.group, path: `/${r.group}`, name: t(r.group), icon: groupIcons[r.group], children: [] };
        menu.push(g);
      }
      g.children!.push(item);
    } else menu.push(item);
  }

  return (
    <ProLayout
      className={elder ? 'staff-layout staff-layout-elder' : 'staff-layout'}
      title={t('app.title')}
      logo={false}
      layout="mix"
      fixSiderbar
      // The menu folds to single characters only on a narrow screen. ProLayout's own default folds it whenever
      // the window measures 768–991 CSS px when the page opens (its 'md'), and the sider's breakpoint ('lg')
      // folds it below 992 — so a 1440 px screen at 150 % zoom (960 CSS px), or a browser window opened
      // narrower and then enlarged before reload, showed 政/机/培/补… Both now fold only below 768 px (a phone,
      // where the menu is a drawer anyway).
      breakpoint="md"
      defaultCollapsed={typeof window !== 'undefined' && window.innerWidth < 768}
      location={{ pathname: menuPath ?? path }}
      // the page's own item only: ProLayout's prefix match also lit 证书查询 (/certificates) on 证书库 (/certificates/registry)
      selectedKeys={menuPath ? [menuPath] : undefined}
      route={{ path: '/', routes: menu }}
      menuDataRender={() => menu}
      menuItemRender={(item, dom) => (
        <a
          href={item.path}
          onClick={(e) => {
            e.preventDefault();
            if (item.path) navigate(item.path);
          }}
        >
          {dom}
        </a>
      )}
      actionsRender={() => [
        <Button
          key="help"
          size="small"
          icon={<QuestionCircleOutlined />}
          aria-label={t('menu.help')}
          title={t('menu.help')}
          onClick={() => navigate('/help')}
          data-testid="nav-help"
        >
          {t('menu.help')}
        </Button>,
        <ElderSwitch key="elder" />,
        <LangSwitch key="lang" />,
        <MessageBell key="bell" path={path} variant="staff" />,
        me.isDemo ? (
          <Tag key="demo" color="orange">
            {t('app.demo')}
          </Tag>
        ) : null,
      ]}
      avatarProps={{
        icon: <UserOutlined />,
        size: 'small',
        title: (
          <span data-testid="whoami">
            {me.displayName} · {t(`role.${me.role}`)}
          </span>
        ),
        render: (_p, dom) => (
          <Dropdown menu={{ items: [{ key: 'out', icon: <LogoutOutlined />, label: t('app.signOut'), onClick: () => void signOut() }] }}>{dom}</Dropdown>
        ),
      }}
      {...staffLayoutFor(elder)}
    >
      {current ? (
        <div data-testid={`page-${current.path}`}>{current.render ? current.render(path) : current.element}</div>
      ) : (
        <Result
          status="404"
          title="404"
          extra={
            <Space>
              <Button onClick={() => navigate('/')}>{t('menu.home')}</Button>
            </Space>
          }
        />
      )}
    </ProLayout>
  );
}
