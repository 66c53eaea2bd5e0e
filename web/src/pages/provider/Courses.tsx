import { useEffect, useRef, useState } from 'react';
import { ModalForm, ProFormDigit, ProFormSelect, ProFormText, ProFormTextArea, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Form } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, getList, ok, type ItemOf } from '../../lib/api';
import { useTableRequest } from '../../lib/table';
import { errorText } from '../../i18n';
import { fen, yuanToFen } from '../../lib/format';
import { useProgrammes } from '../../lib/data';
import { OccupationLabel } from '../../lib/occupation';
import { useSession } from '../../lib/session';

export type Course = ItemOf<'/api/v1/courses'>;

export function CoursesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const programmes = useProgrammes();
  const ref = useRef<ActionType>(undefined);
  const request = useTableRequest<Course>((_params, page) => getList('/api/v1/courses', page));
  const [open, setOpen] = useState(false);
  const [occ, setOcc] = useState<Array<{ value: string; label: string }>>([]);
  const [form] = Form.useForm();
  const programmeId = Form.useWatch('programmeId', form) as string | undefined;
  const occupationCode = Form.useWatch('occupationCode', form) as string | undefined;
  // the programme's subsidy standards: each level is offered with what it pays (an occupation's own row wins)
  const [standards, setStandards] = useState<Array<{ occupationCode: string | null; level: number; amountFen: number }>>([]);
  useEffect(() => {
    setStandards([]);
    if (!programmeId) return;
    ok(client.GET('/api/v1/programmes/{id}/standards', { params: { path: { id: programmeId } } })).then(
      (r) => setStandards(r.items),
      () => undefined,
    );
  }, [programmeId]);
  const standardOf = (level: number): number | null =>
    (
      standards.find((x) => x.level === level && x.occupationCode === (occupationCode ?? null)) ??
      standards.find((x) => x.level === level && x.occupationCode === null)
    )?.amountFen ?? null;

  const columns: ProColumns<Course>[] = [
    { title: t('course.name'), dataIndex: 'name' },
    { title: t('common.programme'), dataIndex: 'programmeId', render: (_, r) => programmes.find((p) => p.id === r.programmeId)?.name ?? '—' },
    { title: t('common.occupation'), dataIndex: 'occupationCode', render: (_, r) => <OccupationLabel code={r.occupationCode} /> },
    { title: t('common.level'), dataIndex: 'level', render: (_, r) => t(`level.${r.level}`) },
    { title: t('course.hours'), dataIndex: 'hours' },
    { title: t('course.fee'), dataIndex: 'feeFen', align: 'right', render: (_, r) => fen(r.feeFen) },
  ];
  return (
    <>
      <ProTable<Course>
        rowKey="id"
        actionRef={ref}
        headerTitle={t('menu.courses')}
        columns={columns}
        search={false}
        pagination={{ defaultPageSize: 20 }}
        request={request}
        toolBarRender={() =>
          me.role === 'provider'
            ? [
                <Button key="n" type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
                  {t('course.new')}
                </Button>,
              ]
            : []
        }
      />
      <ModalForm
        title={t('course.new')}
        open={open}
        onOpenChange={setOpen}
        form={form}
        modalProps={{ destroyOnHidden: true }}
        // no default level: the course's level decides which standard its trainees' claims are paid at
        initialValues={{ hours: 40 }}
        onFinish={async (v: {
          programmeId: string;
          occupationCode: string;
          level: number;
          name: string;
          description?: string;
          hours: number;
          feeYuan: number;
        }) => {
          const feeFen = yuanToFen(v.feeYuan);
          if (feeFen === null) return false;
          try {
            await client.POST('/api/v1/courses', {
              body: {
                programmeId: v.programmeId,
                occupationCode: v.occupationCode,
                level: v.level,
                name: v.name,
                description: v.description ?? null,
                hours: v.hours,
                feeFen,
              },
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
        <ProFormText name="name" label={t('course.name')} rules={[{ required: true }]} />
        <ProFormSelect
          name="programmeId"
          label={t('common.programme')}
          rules={[{ required: true }]}
          options={programmes.map((p) => ({ value: p.id, label: p.name }))}
        />
        <ProFormSelect
          name="occupationCode"
          label={t('common.occupation')}
          rules={[{ required: true }]}
          showSearch
          fieldProps={{
            filterOption: false,
            onSearch: (q: string) => {
              if (q.trim())
                ok(client.GET('/api/v1/occupations', { params: { query: { q: q.trim(), limit: 30 } } })).then(
                  (r) => setOcc(r.items.map((o) => ({ value: o.code, label: `${o.code} ${o.name}` }))),
                  () => undefined,
                );
            },
          }}
          options={occ}
        />
        <ProFormSelect
          name="level"
          label={t('common.level')}
          rules={[{ required: true }]}
          placeholder={t('course.levelHint')}
          fieldProps={{ id: 'course-level' }}
          options={[5, 4, 3, 2, 1, 0].map((l) => {
            const amount = standardOf(l);
            return { value: l, label: amount === null ? t(`level.${l}`) : `${t(`level.${l}`)} · ${t('course.standard', { amount: fen(amount) })}` };
          })}
        />
        <ProFormDigit name="hours" label={t('course.hours')} min={1} max={10000} fieldProps={{ precision: 0 }} rules={[{ required: true }]} />
        <ProFormDigit name="feeYuan" label={t('course.feeYuan')} min={0} fieldProps={{ precision: 2 }} rules={[{ required: true }]} />
        <ProFormTextArea name="description" label={t('course.description')} />
      </ModalForm>
    </>
  );
}
