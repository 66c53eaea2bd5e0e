/** The pages anyone may open without signing in: certificate lookup and the public notice of subsidy claims. */
import { Button, Layout, Menu, Result, Space } from 'antd';
import { LoginOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { navigate } from '../lib/router';
import { LangSwitch } from '../pages/common';
import { CertificateLookupPage } from '../pages/public/CertificateLookup';
import { NoticesPage } from '../pages/subsidy/Notices';
import { VerifyDocumentPage } from '../pages/public/VerifyDocument';
import { ElderSwitch } from '../lib/elder';
import { PUBLIC_HELP, PublicHelpPage } from '../help/pages';

export const publicRoutes = [
  { path: '/public/certificates', name: 'menu.certLookup', element: <CertificateLookupPage /> },
  { path: '/public/notices', name: 'menu.notices', element: <NoticesPage /> },
  { path: '/public/verify', name: 'menu.verify', element: <VerifyDocumentPage /> },
  { path: '/public/help', name: 'menu.help', element: <PublicHelpPage path="/public/help" /> },
];

/** A document's QR code opens /public/verify/<id>. */
const VERIFY_ID = /^\/public\/verify\/([0-9a-f-]{36})$/;
const routeOf = (path: string) => {
  const m = VERIFY_ID.exec(path);
  if (PUBLIC_HELP.test(path)) return { path: '/public/help', name: 'menu.help', element: <PublicHelpPage path={path} /> };
  return m ? { path: '/public/verify', name: 'menu.verify', element: <VerifyDocumentPage id={m[1]!} /> } : publicRoutes.find((r) => r.path === path);
};

export function PublicShell({ path, signedIn }: { path: string; signedIn: boolean }) {
  const { t } = useTranslation();
  const current = routeOf(path);
  return (
    <Layout className="public-shell" style={{ minHeight: '100vh' }}>
      {/* on a phone (styles.css) the header wraps: the title and the switches on top, the menu on a row of its own */}
      <Layout.Header className="public-header" data-testid="public-header">
        <strong className="public-title">{t('app.title')}</strong>
        <Menu
          mode="horizontal"
          className="public-nav"
          selectedKeys={current ? [current.path] : []}
          items={publicRoutes.map((r) => ({
            key: r.path,
            label: (
              <a
                href={r.path}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(r.path);
                }}
              >
                {t(r.name)}
              </a>
            ),
          }))}
        />
        <Space wrap className="public-actions">
          <ElderSwitch />
          <LangSwitch />
          <Button size="small" icon={<LoginOutlined />} onClick={() => navigate(signedIn ? '/' : '/login')} data-testid="public-signin">
            {signedIn ? t('menu.home') : t('signin.submit')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content className="public-content" data-testid={current ? `page-${current.path}` : 'page-404'}>
        {current ? current.element : <Result status="404" title="404" />}
      </Layout.Content>
    </Layout>
  );
}
