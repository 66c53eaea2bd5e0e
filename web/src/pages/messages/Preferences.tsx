/**
 * 消息设置: whether messages also go by SMS (only with a phone number on file), whether non-essential reminders are
 * sent, and the quiet hours stated (22:00–08:00 Shanghai time: SMS then wait until 08:00, never dropped). Essential
 * messages — decisions, payments — always arrive in the app. On 我的 (worker) and the account page (staff).
 */
import { useEffect, useState } from 'react';
import { Alert, App, Card, List, Skeleton, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { client, ok, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { useSession } from '../../lib/session';

type Prefs = ResponseOf<'/api/v1/messages/preferences'>;

export function MessagePreferencesCard({ mobile }: { mobile?: boolean }) {
  const { ops } = useSession();
  if (!ops.has('getMessagePreferences') || !ops.has('setMessagePreferences')) return null;
  return <PreferencesCard mobile={mobile} />;
}

function PreferencesCard({ mobile }: { mobile?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [prefs, setPrefs] = useState<Prefs | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState<'sms' | 'reminders' | null>(null);

  useEffect(() => {
    ok(client.GET('/api/v1/messages/preferences')).then(setPrefs, (e: unknown) => setError(errorText(e)));
  }, []);

  const save = async (what: 'sms' | 'reminders', value: boolean) => {
    setSaving(what);
    try {
      const r = await ok(client.PUT('/api/v1/messages/preferences', { body: { [what]: value } }));
      setPrefs(r);
      message.success(t('messages.prefs.saved'));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(null);
    }
  };

  const title = t('messages.prefs.title');
  if (error)
    return (
      <Card className={mobile ? 'voucher-card' : undefined} title={title}>
        <Alert type="error" showIcon message={error} />
      </Card>
    );
  if (!prefs)
    return (
      <Card className={mobile ? 'voucher-card' : undefined} title={title}>
        <Skeleton active paragraph={{ rows: 3 }} />
      </Card>
    );

  const hour = String(Number(prefs.quietHours.to.split(':')[0]));
  const rows = [
    {
      key: 'inApp',
      label: t('messages.prefs.inApp'),
      note: t('messages.prefs.inAppNote'),
      control: <Switch checked disabled checkedChildren={t('messages.prefs.on')} aria-label={t('messages.prefs.inApp')} />,
    },
    {
      key: 'sms',
      label: t('messages.prefs.sms'),
      note: (
        <span data-testid={prefs.smsAvailable ? undefined : 'pref-no-phone'}>
          {t(prefs.smsAvailable ? 'messages.prefs.smsNote' : 'messages.prefs.noPhone')}
        </span>
      ),
      control: (
        <Switch
          checked={prefs.smsAvailable && prefs.sms}
          disabled={!prefs.smsAvailable}
          loading={saving === 'sms'}
          onChange={(v) => void save('sms', v)}
          checkedChildren={t('messages.prefs.on')}
          unCheckedChildren={t('messages.prefs.off')}
          aria-label={t('messages.prefs.sms')}
          data-testid="pref-sms"
        />
      ),
    },
    {
      key: 'reminders',
      label: t('messages.prefs.reminders'),
      note: t('messages.prefs.remindersNote'),
      control: (
        <Switch
          checked={prefs.reminders}
          loading={saving === 'reminders'}
          onChange={(v) => void save('reminders', v)}
          checkedChildren={t('messages.prefs.on')}
          unCheckedChildren={t('messages.prefs.off')}
          aria-label={t('messages.prefs.reminders')}
          data-testid="pref-reminders"
        />
      ),
    },
  ];
  return (
    <Card className={mobile ? 'voucher-card' : undefined} title={title} data-testid="message-preferences" style={mobile ? undefined : { maxWidth: 720 }}>
      <List
        dataSource={rows}
        split
        renderItem={(r) => (
          <List.Item key={r.key} extra={r.control} style={{ alignItems: 'center', gap: 12 }} data-testid={`pref-row-${r.key}`}>
            <List.Item.Meta title={r.label} description={r.note} />
          </List.Item>
        )}
      />
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 8 }}
        data-testid="pref-quiet"
        message={t('messages.prefs.quiet', { from: prefs.quietHours.from, to: prefs.quietHours.to, hour })}
      />
    </Card>
  );
}
