import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import { client, ok } from '../lib/api';
import { errorText } from '../i18n';
import type { Me } from '../lib/session';
import { useSession } from '../lib/session';
import { districtName, useDistricts } from '../lib/data';
import { LangSwitch } from './common';
import { MessagePreferencesCard } from './messages/Preferences';

export function EnrolTotpPage({ me, onDone, standalone }: { me: Me; onDone: () => void; standalone?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [secret, setSecret] = useState<{ secret: string; uri: string; qr: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setError(null);
    setBusy(true);
    try {
      const r = await ok(client.POST('/api/v1/auth/totp/enrol'));
      setSecret({ ...r, qr: await QRCode.toDataURL(r.uri, { margin: 1, width: 220 }) });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (v: { code: string }) => {
    setError(null);
    setBusy(true);
    try {
      await client.POST('/api/v1/auth/totp/confirm', { body: { code: v.code.trim() } });
      message.success(t('enrol.done'));
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const card = (
    <Card className="auth-card" title={t('enrol.title')} style={standalone ? undefined : { maxWidth: 520 }}>
      <Typography.Paragraph>{me.totpRequired ? t('enrol.intro', { role: t(`role.${me.role}`) }) : t('enrol.introOptional')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {me.displayName} ({me.username}) · {t(`role.${me.role}`)}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {!secret ? (
        <Space>
          <Button type="primary" onClick={start} loading={busy} data-testid="enrol-start">
            {t('enrol.start')}
          </Button>
          {standalone && <Button onClick={onDone}>{t('app.signOut')}</Button>}
        </Space>
      ) : (
        <Form layout="vertical" onFinish={confirm}>
          <div style={{ textAlign: 'center' }}>
            <img src={secret.qr} alt={t('a11y.totpQr')} width={220} height={220} />
          </div>
          <Form.Item label={t('enrol.secret')}>
            <Typography.Text code copyable data-testid="enrol-secret">
              {secret.secret}
            </Typography.Text>
          </Form.Item>
          <Form.Item name="code" label={t('signin.totpCode')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('error.TOTP_REQUIRED') }]}>
            <Input inputMode="numeric" maxLength={6} id="enrol-code" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('enrol.confirm')}
          </Button>
        </Form>
      )}
    </Card>
  );
  if (!standalone) return card;
  return (
    <div className="auth-page">
      <div className="auth-lang">
        <LangSwitch />
      </div>
      {card}
    </div>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  const { me, signOut } = useSession();
  const districts = useDistricts();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card>
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('signin.username')}>{me.username}</Descriptions.Item>
          <Descriptions.Item label={t('common.name')}>{me.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('account.role')}>{t(`role.${me.role}`)}</Descriptions.Item>
          {me.districtCode && <Descriptions.Item label={t('common.district')}>{districtName(districts, me.districtCode)}</Descriptions.Item>}
          <Descriptions.Item label={t('account.totp')}>
            {me.totpEnabled ? <Tag color="green">{t('enrol.enabled')}</Tag> : <Tag>{t('enrol.notEnabled')}</Tag>}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {!me.totpEnabled && <EnrolTotpPage me={me} onDone={signOut} />}
      <MessagePreferencesCard />
    </Space>
  );
}
