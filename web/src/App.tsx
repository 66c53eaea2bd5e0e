import { useCallback, useEffect, useState } from 'react';
import { ConfigProvider, App as AntApp, Spin } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import { useTranslation } from 'react-i18next';
import { client, ok, ApiError, availableOperations, setUnauthenticatedHandler } from './lib/api';
import { navigate, usePath } from './lib/router';
import { Session, type Me } from './lib/session';
import { SignInPage, EsscSignInPage } from './pages/SignIn';
import { EnrolTotpPage } from './pages/Account';
import { StaffShell } from './layout/StaffShell';
import { WorkerShell } from './layout/WorkerShell';
import { PublicShell } from './layout/PublicShell';
import { themeFor, useElder } from './lib/elder';

export function App() {
  const { i18n } = useTranslation();
  const path = usePath();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [ops, setOps] = useState<Set<string>>(new Set());
  const elder = useElder();

  const refresh = useCallback(async () => {
    try {
      const [m, o] = await Promise.all([ok(client.GET('/api/v1/auth/me')), availableOperations()]);
      setOps(o);
      setMe(m);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) setMe(null);
      else setMe(null);
    }
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => setMe(null));
    void refresh();
  }, [refresh]);

  const signOut = useCallback(async () => {
    try {
      await client.POST('/api/v1/auth/logout');
    } catch {
      /* already signed out */
    }
    const wasWorker = me?.role === 'worker';
    setMe(null);
    navigate(wasWorker ? '/essc' : '/login', true);
  }, [me]);

  const signedIn = useCallback(() => {
    void refresh().then(() => navigate('/', true));
  }, [refresh]);

  let body;
  if (path.startsWith('/public/')) body = <PublicShell path={path} signedIn={!!me} />;
  else if (me === undefined) body = <Spin fullscreen />;
  else if (me === null) body = path.startsWith('/essc') ? <EsscSignInPage onSignedIn={signedIn} /> : <SignInPage onSignedIn={signedIn} />;
  else if (me.totpRequired && !me.totpEnabled) body = <EnrolTotpPage me={me} onDone={signOut} standalone />;
  else
    body = (
      <Session.Provider value={{ me, ops, refresh, signOut }}>
        {me.role === 'worker' ? <WorkerShell path={path} /> : <StaffShell path={path} />}
      </Session.Provider>
    );

  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={themeFor(elder)}>
      <AntApp>{body}</AntApp>
    </ConfigProvider>
  );
}
