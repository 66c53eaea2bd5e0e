/**
 * 档案核验 (public): the page a document's QR code opens — the document's masked holder, issue date, content
 * digest and whether the platform's signature holds — and a file check: upload the PDF, and a file changed in
 * any byte is reported as altered.
 */
import { useEffect, useState } from 'react';
import { Alert, Card, Descriptions, Result, Skeleton, Space, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, ok, type Schemas } from '../../lib/api';
import { errorText } from '../../i18n';
import { date, dateTime } from '../../lib/format';

type DocumentCheck = Schemas['DocumentCheck'];
type UploadCheck = Schemas['UploadCheck'];

function DocumentFacts({ d }: { d: DocumentCheck }) {
  const { t } = useTranslation();
  return (
    <Descriptions bordered size="small" column={1} data-testid="verify-facts">
      <Descriptions.Item label={t('verify.kind')}>{t(`verify.kind.${d.kind}`)}</Descriptions.Item>
      <Descriptions.Item label={t('verify.holder')}>
        <span data-testid="verify-holder">{d.holderNameMasked}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('verify.issuedOn')}>
        <span data-testid="verify-issued-on">{date(d.issuedOn)}</span>
        <span className="page-note"> {dateTime(d.issuedAt)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('verify.digest', { alg: d.digestAlg === 'sm3' ? 'SM3' : 'SHA-256' })}>
        <Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="verify-digest">
          {d.contentDigest}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('verify.signature')}>
        {d.signatureValid ? t('verify.signatureOk', { alg: d.signatureAlg }) : t('verify.signatureBad')}
      </Descriptions.Item>
    </Descriptions>
  );
}

function FileCheck() {
  const { t } = useTranslation();
  const [result, setResult] = useState<UploadCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const check = async (file: File) => {
    setError(null);
    setResult(null);
    try {
      const post = client.POST as unknown as (
        p: string,
        init: { body: Blob; bodySerializer: (b: Blob) => Blob; headers: Record<string, string> },
      ) => Promise<{ data?: UploadCheck }>;
      const r = await post('/api/v1/public/documents/verify', { body: file, bodySerializer: (b) => b, headers: { 'content-type': 'application/pdf' } });
      setResult(r.data ?? null);
    } catch (e) {
      setError(errorText(e));
    }
    return false;
  };
  return (
    <Card size="small" title={t('verify.fileTitle')}>
      <Upload.Dragger accept=".pdf,application/pdf" showUploadList={false} beforeUpload={check} data-testid="verify-upload">
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{t('verify.fileHint')}</p>
      </Upload.Dragger>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
      {result && (
        <div style={{ marginTop: 12 }} data-testid="verify-outcome" data-outcome={result.outcome}>
          <Alert
            type={result.outcome === 'genuine' ? 'success' : 'error'}
            showIcon
            message={t(`verify.outcome.${result.outcome}`)}
            description={t(`verify.outcomeNote.${result.outcome}`)}
            style={{ marginBottom: 12 }}
          />
          {result.document && <DocumentFacts d={result.document} />}
        </div>
      )}
    </Card>
  );
}

export function VerifyDocumentPage({ id }: { id?: string }) {
  const { t } = useTranslation();
  const [doc, setDoc] = useState<DocumentCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!id) return;
    ok(client.GET('/api/v1/public/documents/{id}', { params: { path: { id } } })).then(setDoc, (e) => setError(errorText(e)));
  }, [id]);
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 720, margin: '0 auto', display: 'flex' }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('verify.title')}
      </Typography.Title>
      {id && !doc && !error && <Skeleton active />}
      {id && error && <Result status="warning" title={t('verify.notFound')} subTitle={error} />}
      {doc && (
        <Card size="small" data-testid="verify-document">
          <Alert
            type={doc.signatureValid ? 'success' : 'error'}
            showIcon
            message={doc.signatureValid ? t('verify.issuedByPlatform') : t('verify.signatureBad')}
            style={{ marginBottom: 12 }}
          />
          <DocumentFacts d={doc} />
        </Card>
      )}
      <FileCheck />
    </Space>
  );
}
