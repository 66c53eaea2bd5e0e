/** Public certificate check (证书查询): certificate number + the holder's full name, no sign-in; a masked answer. */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, ok, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { date } from '../../lib/format';

type Certificate = ResponseOf<'/api/v1/certificates/lookup'>;

export function CertificateLookupPage() {
  const { t } = useTranslation();
  const [result, setResult] = useState<Certificate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const lookup = async (v: { certificateNumber: string; name: string }) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(
        await ok(client.GET('/api/v1/certificates/lookup', { params: { query: { certificateNumber: v.certificateNumber.trim(), name: v.name.trim() } } })),
      );
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('cert.title')} style={{ maxWidth: 720, margin: '0 auto' }}>
      <Alert type="info" showIcon message={t('cert.hint')} style={{ marginBottom: 16 }} />
      <Form layout="vertical" onFinish={lookup} requiredMark={false}>
        <Form.Item
          name="certificateNumber"
          htmlFor="cert-number"
          label={t('cert.number')}
          rules={[{ required: true, whitespace: true, min: 6, message: t('cert.numberRule') }]}
        >
          <Input id="cert-number" maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" htmlFor="cert-name" label={t('cert.name')} rules={[{ required: true, whitespace: true, message: t('signin.required') }]}>
          <Input id="cert-name" maxLength={64} autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={busy} data-testid="cert-lookup">
          {t('common.search')}
        </Button>
      </Form>
      {error && <Alert type="warning" showIcon message={error} style={{ marginTop: 16 }} data-testid="cert-error" />}
      {result && (
        <Descriptions bordered column={1} size="small" style={{ marginTop: 16 }} data-testid="cert-result" title={t('cert.found')}>
          <Descriptions.Item label={t('cert.number')}>{result.certificateNumber}</Descriptions.Item>
          <Descriptions.Item label={t('cert.holder')}>
            <span data-testid="cert-holder">{result.holderNameMasked}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('cert.type')}>{t(`cert.type.${result.certificateType}`)}</Descriptions.Item>
          <Descriptions.Item label={t('common.occupation')}>{result.occupationCode}</Descriptions.Item>
          <Descriptions.Item label={t('common.level')}>{t(`level.${result.level}`)}</Descriptions.Item>
          <Descriptions.Item label={t('cert.assessedOn')}>{date(result.assessedOn)}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
