/**
 * The worker's (and a provider's) side of appeals: the form reached from the "申诉" button where a refusal is shown
 * (text + files), and 我的申诉 with each appeal's state, due date, answer and what changed.
 */
import { ServiceRatingPrompt, useMyServiceRatings } from '../worker/ServiceRating';
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Collapse, Empty, Form, Input, Result, Skeleton, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { client, ok, type BodyOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { date } from '../../lib/format';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session';
import { AppealDetails, AppealStateTag, DeadlineTag, effectText, type Appeal } from './shared';

type Kind = BodyOf<'/api/v1/appeals'>['kind'];
export const APPEAL_KINDS: readonly Kind[] = ['claim', 'check_in', 'voucher_application', 'rehab_refusal'];
const MAX_BYTES = 5 * 1024 * 1024;
const TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/** Where the "申诉" button of a refusal leads. */
export const appealLink = (kind: Kind, objectId: string): string => `/appeals/new/${kind}/${objectId}`;

const toBase64 = (f: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).split(',', 2)[1] ?? '');
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(f);
  });

/** 我的申诉: the worker's page, or a provider's in the staff menu. */
export const myAppealsPath = (role: string): string => (role === 'provider' ? '/my-appeals' : '/appeals');

export function NewAppealPage({ kind, objectId }: { kind: Kind; objectId: string }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Appeal | null>(null);
  // an appeal on the same decision still open: say so before the grounds are written (the server refuses a second)
  const [pending, setPending] = useState<Appeal | null | undefined>(undefined);
  useEffect(() => {
    ok(client.GET('/api/v1/appeals/mine', { params: { query: { limit: 100 } } })).then(
      (r) => setPending(r.items.find((a) => a.kind === kind && a.objectId === objectId && a.state !== 'closed') ?? null),
      () => setPending(null),
    );
  }, [kind, objectId]);

  const submit = async (v: { text: string }) => {
    setBusy(true);
    setError(null);
    try {
      const attachments = await Promise.all(files.map(async (f) => ({ name: f.name, content: await toBase64(f.originFileObj as Blob) })));
      setDone(await ok(client.POST('/api/v1/appeals', { body: { kind, objectId, text: v.text.trim(), attachments } })));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <Card className="voucher-card">
        <Result
          status="success"
          title={<span data-testid="appeal-submitted">{t('appeals.submitted', { d: date(done.dueOn) })}</span>}
          subTitle={`${t('appeals.number')} ${done.number}`}
          extra={[
            <Button key="mine" type="primary" onClick={() => navigate(myAppealsPath(me.role))} data-testid="appeal-to-mine">
              {t('menu.appeals.worker')}
            </Button>,
          ]}
        />
      </Card>
    );

  if (pending === undefined) return <Skeleton active />;
  if (pending)
    return (
      <Card className="voucher-card">
        <Result
          status="info"
          title={<span data-testid="appeal-pending">{t('appeals.alreadyOpen')}</span>}
          subTitle={`${t('appeals.number')} ${pending.number} · ${t('appeals.dueOn')} ${date(pending.dueOn)}`}
          extra={[
            <Button key="mine" type="primary" onClick={() => navigate(myAppealsPath(me.role))} data-testid="appeal-to-mine">
              {t('menu.appeals.worker')}
            </Button>,
          ]}
        />
      </Card>
    );

  return (
    <Card className="voucher-card" title={t('menu.appealNew')} data-testid="appeal-form">
      <Typography.Paragraph>
        {t('appeals.object')}：<Typography.Text strong>{t(`appeals.kind.${kind}`)}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('appeals.deadlineNote')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="appeal-error" />}
      <Form layout="vertical" onFinish={submit}>
        <Form.Item name="text" label={t('appeals.text')} rules={[{ required: true, whitespace: true, min: 5, message: t('appeals.textRequired') }]}>
          <Input.TextArea rows={5} maxLength={2000} showCount placeholder={t('appeals.textHint')} data-testid="appeal-text-input" />
        </Form.Item>
        <Form.Item label={t('appeals.attachments')} extra={t('appeals.attachmentsHint')}>
          <Upload
            multiple
            maxCount={5}
            accept=".pdf,.jpg,.jpeg,.png"
            fileList={files}
            beforeUpload={(f) => {
              if (f.size > MAX_BYTES) setError(t('appeals.fileTooBig'));
              else if (!TYPES.includes(f.type)) setError(t('appeals.fileType'));
              else setFiles((xs) => [...xs, { uid: f.uid, name: f.name, status: 'done' as const, originFileObj: f }].slice(0, 5));
              return false;
            }}
            onRemove={(f) => setFiles((xs) => xs.filter((x) => x.uid !== f.uid))}
          >
            <Button icon={<UploadOutlined />} size="large" data-testid="appeal-pick-file">
              {t('appeals.pickFile')}
            </Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="appeal-submit">
          {t('appeals.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** 我的申诉: newest first, each with its state and due date; open one to read the answer. */
export function MyAppealsPage() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Appeal[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const served = useMyServiceRatings();
  useEffect(() => {
    ok(client.GET('/api/v1/appeals/mine', { params: { query: { limit: 100 } } })).then(
      (r) => setItems(r.items),
      (e) => setError(errorText(e)),
    );
  }, []);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!items) return <Skeleton active />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="my-appeals">
      <Typography.Title level={5} style={{ margin: '4px 0' }}>
        {t('menu.appeals.worker')}
      </Typography.Title>
      {!items.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('appeals.none')} />}
      {items.map((a) => (
        <Card key={a.id} size="small" className="voucher-card" data-testid="appeal-card">
          <Space direction="vertical" style={{ width: '100%' }} size={4}>
            <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Text strong>{t(`appeals.kind.${a.kind}`)}</Typography.Text>
              <AppealStateTag a={a} />
            </Space>
            <div className="page-note">
              {a.objectLabel} · {t('appeals.submittedAt')} {date(a.submittedAt)}
            </div>
            <DeadlineTag a={a} />
            {a.answer && (
              <Alert
                type={a.outcome === 'overturned' ? 'success' : 'info'}
                showIcon
                message={`${t(`appeals.outcome.${a.outcome!}`)}：${a.answer}`}
                description={effectText(t, a) ?? undefined}
                data-testid="appeal-card-answer"
              />
            )}
            <Collapse ghost size="small" items={[{ key: 'd', label: t('appeals.detail'), children: <AppealDetails a={a} /> }]} />
            {a.state === 'closed' && served.ratings && (
              <ServiceRatingPrompt
                kind="appeal"
                objectId={a.id}
                prompt={t('rating.service.appeal')}
                rated={served.ratings.find((r) => r.kind === 'appeal' && r.objectId === a.id)}
                onRated={served.add}
              />
            )}
          </Space>
        </Card>
      ))}
    </Space>
  );
}
