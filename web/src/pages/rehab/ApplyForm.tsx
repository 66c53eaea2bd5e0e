/**
 * The application for inpatient rehabilitation (the worker on the phone, or the employer on the worker's behalf):
 * the recognition, the condition, the treating hospital's summary, home, up to three hospitals in order with the
 * reason. Files are added once the case exists (AttachmentUpload).
 */
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Select, Space, Typography, Upload } from 'antd';
import { AimOutlined, MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, client, ok, upload } from '../../lib/api';
import { errorText } from '../../i18n';
import { useDistricts } from '../../lib/data';
import { wgs84ToGcj02, type LatLng } from '../../lib/geo';
import { locate } from '../worker/Training';
import { conditionOptions, useHospitals, type Reason, type Recognition, type RehabCase } from './shared';

interface Values {
  conditionCode: string;
  treatmentSummary: string;
  districtCode: string;
  homeAddress: string;
  preferences: Array<{ hospitalId?: string; reason?: string }>;
}

export function ApplyForm({ recognition, onDone, compact }: { recognition: Recognition; onDone: (c: RehabCase) => void; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const districts = useDistricts();
  const hospitals = useHospitals();
  const [form] = Form.useForm<Values>();
  const condition = Form.useWatch('conditionCode', form);
  const [here, setHere] = useState<LatLng | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reasons, setReasons] = useState<Reason[]>([]);

  const useLocation = async () => {
    try {
      const p = await locate();
      setHere(wgs84ToGcj02({ lat: p.coords.latitude, lng: p.coords.longitude }));
    } catch (e) {
      setError(errorText(e));
    }
  };

  const submit = async (v: Values) => {
    const homeLocation = here ?? districts.find((d) => d.code === v.districtCode)?.centre;
    if (!homeLocation) return setError(t('rehab.f.useLocation'));
    setBusy(true);
    setError(null);
    setReasons([]);
    try {
      const c = await ok(
        client.POST('/api/v1/rehab/cases', {
          body: {
            recognitionId: recognition.id,
            conditionCode: v.conditionCode as RehabCase['conditionCode'],
            treatmentSummary: v.treatmentSummary.trim(),
            homeAddress: v.homeAddress.trim(),
            homeLocation,
            preferences: v.preferences.filter((p) => p.hospitalId).map((p) => ({ hospitalId: p.hospitalId!, reason: (p.reason ?? '').trim() })),
          },
        }),
      );
      onDone(c);
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError && Array.isArray(e.extra?.reasons)) setReasons(e.extra.reasons as Reason[]);
    } finally {
      setBusy(false);
    }
  };

  const hospitalOptions = hospitals.map((h) => {
    const takes = !condition || h.conditions.includes(condition as never);
    return {
      value: h.id,
      label: `${h.name}（${takes ? t('rehab.f.takes') : t('rehab.f.notTakes')} · ${t('rehab.f.freeBeds', { n: h.freeBeds })}）`,
    };
  });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={(v) => void submit(v)}
      initialValues={{ conditionCode: recognition.conditionCode ?? undefined, districtCode: recognition.districtCode, preferences: [{}] }}
      data-testid="rehab-apply-form"
    >
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="rehab-apply-error"
          message={reasons.length ? t('rehab.f.reasonsTitle') : error}
          description={reasons.length ? reasons.map((r) => <div key={r.code}>{i18n.language === 'en' ? r.en : r.zh}</div>) : undefined}
        />
      )}
      <Form.Item name="conditionCode" htmlFor="rehab-condition" label={t('rehab.f.condition')} rules={[{ required: true }]}>
        <Select id="rehab-condition" options={conditionOptions(t)} />
      </Form.Item>
      <Form.Item name="treatmentSummary" label={t('rehab.f.summary')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea id="rehab-summary" rows={compact ? 3 : 4} maxLength={2000} placeholder={t('rehab.f.summaryHint')} />
      </Form.Item>
      <Form.Item name="districtCode" htmlFor="rehab-district" label={t('rehab.f.district')} rules={[{ required: true }]}>
        <Select id="rehab-district" options={districts.map((d) => ({ value: d.code, label: d.name }))} />
      </Form.Item>
      <Form.Item name="homeAddress" htmlFor="rehab-address" label={t('rehab.f.address')} rules={[{ required: true, whitespace: true }]}>
        <Input id="rehab-address" maxLength={200} />
      </Form.Item>
      <Form.Item>
        <Button icon={<AimOutlined />} onClick={() => void useLocation()} size="small">
          {here ? t('rehab.f.locationSet') : t('rehab.f.useLocation')}
        </Button>
      </Form.Item>
      <Form.List name="preferences">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <div key={f.key} className="rehab-preference" data-testid="rehab-pref-row">
                <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                  <Typography.Text strong>{t('rehab.f.preference', { n: i + 1 })}</Typography.Text>
                  {fields.length > 1 && (
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('a11y.removePreference', { n: i + 1 })} />
                  )}
                </Space>
                <Form.Item
                  name={[f.name, 'hospitalId']}
                  rules={[{ required: true, message: t('rehab.f.preference', { n: i + 1 }) }]}
                  style={{ marginBottom: 8 }}
                >
                  <Select
                    id={`rehab-pref-${i}`}
                    options={hospitalOptions}
                    placeholder={t('rehab.c.hospital')}
                    aria-label={t('rehab.f.preference', { n: i + 1 })}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'reason']} rules={[{ required: true, whitespace: true, message: t('rehab.f.preferenceReason') }]}>
                  <Input id={`rehab-pref-reason-${i}`} maxLength={200} placeholder={t('rehab.f.preferenceReasonHint')} />
                </Form.Item>
              </div>
            ))}
            {fields.length < 3 && (
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }} data-testid="rehab-add-pref">
                {t('rehab.f.addPreference')}
              </Button>
            )}
          </>
        )}
      </Form.List>
      <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem' }}>
        {t('rehab.f.attachments')}
      </Typography.Paragraph>
      <Button type="primary" htmlType="submit" block={compact} size={compact ? 'large' : 'middle'} loading={busy} data-testid="rehab-apply-submit">
        {t('rehab.f.submit')}
      </Button>
    </Form>
  );
}

/** Adds a file (PDF / JPEG / PNG) to a case; the server decides the type from the content. */
export function AttachmentUpload({ caseId, onUploaded }: { caseId: string; onUploaded: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const send = async (file: File) => {
    setBusy(true);
    try {
      await upload('/api/v1/rehab/cases/{id}/attachments', file, { path: { id: caseId }, query: { name: file.name } });
      message.success(t('rehab.w.uploaded', { name: file.name }));
      onUploaded();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
    return false;
  };
  return (
    <Upload accept=".pdf,.jpg,.jpeg,.png" showUploadList={false} beforeUpload={(f) => send(f)}>
      <Button icon={<UploadOutlined />} loading={busy} data-testid="rehab-upload">
        {t('rehab.w.upload')}
      </Button>
    </Upload>
  );
}
