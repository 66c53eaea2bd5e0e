import { useRef, useState } from 'react';
import { ModalForm, ProFormDigit, ProFormRadio, ProFormSelect, ProFormText, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Form } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, getList, type BodyOf, type ItemOf } from '../../lib/api';
import { useTableRequest } from '../../lib/table';
import { errorText } from '../../i18n';
import { districtName, useDistricts } from '../../lib/data';
import { useSession } from '../../lib/session';

export type Venue = ItemOf<'/api/v1/venues'>;

/** Coordinate check: numbers in range, inside mainland China's bounding box, and not swapped. */
export function coordinateProblem(lat: unknown, lng: unknown): string | null {
  const a = Number(lat);
  const o = Number(lng);
  if (!Number.isFinite(a) || !Number.isFinite(o)) return 'venue.coordNaN';
  if (a >= 73 && a <= 135 && o >= 3 && o <= 54) return 'venue.coordSwapped';
  if (a < 3 || a > 54 || o < 73 || o > 135) return 'venue.coordOutside';
  return null;
}

export function VenuesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const districts = useDistricts();
  const ref = useRef<ActionType>(undefined);
  const request = useTableRequest<Venue>((_params, page) => getList('/api/v1/venues', page));
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const lat = Form.useWatch('lat', form);
  const lng = Form.useWatch('lng', form);
  const problem = lat !== undefined && lng !== undefined ? coordinateProblem(lat, lng) : null;

  const columns: ProColumns<Venue>[] = [
    { title: t('venue.name'), dataIndex: 'name' },
    { title: t('venue.address'), dataIndex: 'address', ellipsis: true },
    { title: t('common.district'), dataIndex: 'districtCode', render: (_, r) => districtName(districts, r.districtCode) },
    { title: t('venue.coords'), render: (_, r) => `${r.lat.toFixed(6)}, ${r.lng.toFixed(6)} (GCJ-02)` },
    { title: t('prog.geofenceRadiusM'), dataIndex: 'geofenceRadiusM', render: (_, r) => r.geofenceRadiusM ?? t('venue.radiusDefault') },
  ];
  return (
    <>
      <ProTable<Venue>
        rowKey="id"
        actionRef={ref}
        headerTitle={t('menu.venues')}
        columns={columns}
        search={false}
        pagination={{ defaultPageSize: 20 }}
        request={request}
        toolBarRender={() =>
          me.role === 'provider'
            ? [
                <Button key="n" type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="venue-new">
                  {t('venue.new')}
                </Button>,
              ]
            : []
        }
      />
      <ModalForm
        title={t('venue.new')}
        open={open}
        form={form}
        onOpenChange={setOpen}
        modalProps={{ destroyOnHidden: true }}
        initialValues={{ coordSystem: 'gcj02', districtCode: me.districtCode ?? undefined }}
        onFinish={async (v: Record<string, unknown>) => {
          if (coordinateProblem(v.lat, v.lng)) return false;
          try {
            await client.POST('/api/v1/venues', {
              body: { ...v, lat: Number(v.lat), lng: Number(v.lng), geofenceRadiusM: v.geofenceRadiusM ?? null } as BodyOf<'/api/v1/venues'>,
            });
            message.success(t('common.saved'));
            ref.current?.reload();
            return true;
          } catch (e) {
            message.error(errorText(e));
            return false;
          }
        }}
      >
        <ProFormText name="name" label={t('venue.name')} rules={[{ required: true }]} fieldProps={{ id: 'venue-name' }} />
        <ProFormText name="address" label={t('venue.address')} rules={[{ required: true }]} fieldProps={{ id: 'venue-address' }} />
        <ProFormSelect
          name="districtCode"
          label={t('common.district')}
          rules={[{ required: true }]}
          showSearch
          options={districts.map((d) => ({ value: d.code, label: d.name }))}
          fieldProps={{ id: 'venue-district' }}
        />
        <ProFormRadio.Group
          name="coordSystem"
          label={t('venue.coordSystem')}
          options={[
            { value: 'gcj02', label: t('venue.gcj02') },
            { value: 'wgs84', label: t('venue.wgs84') },
          ]}
        />
        <ProFormDigit
          name="lat"
          label={t('venue.lat')}
          rules={[{ required: true }]}
          fieldProps={{ precision: 6, step: 0.000001, id: 'venue-lat' }}
          min={-90}
          max={90}
        />
        <ProFormDigit
          name="lng"
          label={t('venue.lng')}
          rules={[{ required: true }]}
          fieldProps={{ precision: 6, step: 0.000001, id: 'venue-lng' }}
          min={-180}
          max={180}
        />
        {problem && <Alert type="error" showIcon message={t(problem)} style={{ marginBottom: 16 }} data-testid="coord-problem" />}
        <ProFormDigit
          name="geofenceRadiusM"
          label={`${t('prog.geofenceRadiusM')} (${t('venue.radiusDefault')})`}
          min={10}
          max={100000}
          fieldProps={{ precision: 0 }}
        />
      </ModalForm>
    </>
  );
}
