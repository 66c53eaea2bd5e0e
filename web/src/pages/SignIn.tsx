import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { LockOutlined, UserOutlined, SafetyOutlined, IdcardOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, ok } from '../lib/api';
import { errorText } from '../i18n';
import { navigate } from '../lib/router';
import { LangSwitch } from './common';
import { ElderSwitch } from '../lib/elder';

export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [challenge, setChallenge] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const password = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await ok(client.POST('/api/v1/auth/login', { body: { username: v.username.trim(), password: v.password, client: 'web' } }));
      if (r.status === 'totp_required' && r.challenge) setChallenge(r.challenge);
      else onSignedIn();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const totp = async (v: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await client.POST('/api/v1/auth/login/totp', { body: { challenge: challenge ?? '', code: v.code.trim(), client: 'web' } });
      onSignedIn();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-page">
      <div className="auth-lang">
        <ElderSwitch />
        <LangSwitch />
      </div>
      <Card
        className="auth-card"
        title={
          <Space>
            {t('app.title')} · {challenge ? t('signin.totpTitle') : t('signin.title')}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('app.subtitle')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="signin-error" />}
        {!challenge ? (
          <Form layout="vertical" onFinish={password} requiredMark={false}>
            <Form.Item name="username" label={t('signin.username')} rules={[{ required: true, message: t('signin.required') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" id="username" />
            </Form.Item>
            <Form.Item name="password" label={t('signin.password')} rules={[{ required: true, message: t('signin.required') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" id="password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('signin.submit')}
            </Button>
          </Form>
        ) : (
          <Form layout="vertical" onFinish={totp} requiredMark={false}>
            <Typography.Paragraph>{t('signin.totpHint')}</Typography.Paragraph>
            <Form.Item name="code" label={t('signin.totpCode')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('error.TOTP_REQUIRED') }]}>
              <Input prefix={<SafetyOutlined />} inputMode="numeric" maxLength={6} autoComplete="one-time-code" id="totp" autoFocus />
            </Form.Item>
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <Button onClick={() => setChallenge(null)}>{t('common.back')}</Button>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('signin.verify')}
              </Button>
            </Space>
          </Form>
        )}
        <div style={{ marginTop: 24, textAlign: 'center' }}>
          <Button type="link" icon={<IdcardOutlined />} onClick={() => navigate('/essc')}>
            {t('signin.workerLink')}
          </Button>
          <div>
            <Button type="link" size="small" onClick={() => navigate('/public/certificates')} data-testid="link-cert-lookup">
              {t('menu.certLookup')}
            </Button>
            <Button type="link" size="small" onClick={() => navigate('/public/notices')} data-testid="link-notices">
              {t('menu.notices')}
            </Button>
            <Button type="link" size="small" onClick={() => navigate('/public/help')} data-testid="link-help">
              {t('menu.help')}
            </Button>
          </div>
        </div>
      </Card>
    </div>
  );
}

export function EsscSignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const go = async (v: { idNumber: string; name: string }) => {
    setBusy(true);
    setError(null);
    try {
      const { assertion } = await ok(client.POST('/api/v1/essc-sim/authorize', { body: { idNumber: v.idNumber.trim().toUpperCase(), name: v.name.trim() } }));
      await client.POST('/api/v1/auth/essc', { body: { assertion, client: 'web' } });
      onSignedIn();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="auth-page mobile">
      <div className="auth-lang">
        <ElderSwitch />
        <LangSwitch />
      </div>
      <Card className="auth-card essc" title={<span data-testid="essc-title">{t('essc.title')}</span>}>
        <Alert type="warning" showIcon message={t('essc.banner')} style={{ marginBottom: 16 }} />
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="signin-error" />}
        <Form layout="vertical" onFinish={go} requiredMark={false}>
          <Form.Item name="name" htmlFor="essc-name" label={t('essc.name')} rules={[{ required: true, message: t('signin.required') }]}>
            <Input id="essc-name" autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="idNumber"
            htmlFor="essc-id"
            label={t('essc.idNumber')}
            rules={[{ required: true, pattern: /^\d{17}[\dXx]$/, message: t('error.INVALID_ID_NUMBER') }]}
          >
            <Input id="essc-id" maxLength={18} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} size="large">
            {t('essc.authorize')}
          </Button>
        </Form>
        <div style={{ marginTop: 24, textAlign: 'center' }}>
          <Button type="link" onClick={() => navigate('/login')}>
            {t('signin.staffLink')}
          </Button>
          <Button type="link" onClick={() => navigate('/public/help?role=worker')} data-testid="link-help">
            {t('menu.help')}
          </Button>
        </div>
      </Card>
    </div>
  );
}
