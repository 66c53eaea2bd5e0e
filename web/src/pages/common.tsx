import { useState, type ReactNode } from 'react';
import { App, Button, Select, Table, Tooltip } from 'antd';
import { GlobalOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { ModalForm, ProFormTextArea } from '@ant-design/pro-components';
import { useTranslation } from 'react-i18next';
import { setLang, errorText } from '../i18n';
import { client, ok, type FieldIssue } from '../lib/api';

export function LangSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Button
      size="small"
      icon={<GlobalOutlined />}
      aria-label={t('app.lang')}
      title={t('app.lang')}
      data-testid="lang-switch"
      onClick={() => setLang(i18n.language === 'en' ? 'zh-CN' : 'en')}
    >
      {t('app.lang')}
    </Button>
  );
}

/**
 * A confirmation that needs a written reason (revoke, suspend, withdraw): the reason is required, the
 * API's refusal is shown as a sentence and keeps the dialog open.
 */
export function ReasonModal({
  title,
  open,
  onClose,
  onSubmit,
  label,
  minLength = 1,
  id = 'reason',
  required = true,
  extra,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  onSubmit: (reason: string) => Promise<unknown>;
  label?: string;
  minLength?: number;
  id?: string;
  required?: boolean;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <ModalForm<{ reason: string }>
      title={title}
      open={open}
      onOpenChange={(o) => !o && onClose()}
      modalProps={{ destroyOnHidden: true }}
      onFinish={async (v) => {
        try {
          await onSubmit((v.reason ?? '').trim());
          message.success(t('common.saved'));
          onClose();
          return true;
        } catch (e) {
          message.error(errorText(e));
          return false;
        }
      }}
    >
      {extra}
      <ProFormTextArea
        name="reason"
        label={label ?? t('common.reason')}
        fieldProps={{ id, maxLength: 500, showCount: true }}
        rules={required ? [{ required: true, whitespace: true }, { min: minLength }] : []}
      />
    </ModalForm>
  );
}

/** An occupation (工种) picked by typing part of its name or code; searches the catalogue as you type. */
export function OccupationSelect({
  value,
  onChange,
  id,
  initial,
  placeholder,
}: {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  placeholder?: string;
  /** the option of a value set beforehand, so the field shows its name rather than the bare code */
  initial?: { value: string; label: string };
}) {
  const [options, setOptions] = useState<Array<{ value: string; label: string }>>(initial ? [initial] : []);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      allowClear={!!placeholder}
      showSearch
      filterOption={false}
      onSearch={(q: string) => {
        if (q.trim())
          ok(client.GET('/api/v1/occupations', { params: { query: { q: q.trim(), limit: 30 } } })).then(
            (r) => setOptions(r.items.map((o) => ({ value: o.code, label: `${o.code} ${o.name}` }))),
            () => undefined,
          );
      }}
      options={options}
    />
  );
}

/** A file import's per-row problems (`rows.<line>.<column>` + code) as a table: line, column, a sentence. */
export function RowErrors({ issues, columnName }: { issues: FieldIssue[]; columnName?: (col: string) => string }) {
  const { t, i18n } = useTranslation();
  const rows = issues.map((e, i) => {
    const m = /^rows\.(\d+)\.?(.*)$/.exec(e.field);
    return { key: i, line: m ? Number(m[1]) : null, column: m ? m[2] || '' : e.field, code: e.code, message: e.message };
  });
  return (
    <Table
      size="small"
      rowKey="key"
      dataSource={rows}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      data-testid="row-errors"
      columns={[
        { title: t('persons.row'), dataIndex: 'line', width: 70, render: (v: number | null) => v ?? '—' },
        { title: t('common.field'), dataIndex: 'column', width: 140, render: (v: string) => (v ? (columnName ? columnName(v) : v) : '—') },
        {
          title: t('common.reason'),
          render: (_: unknown, r: (typeof rows)[number]) => (
            <span data-testid="row-error" data-code={r.code}>
              {i18n.exists(`error.${r.code}`) ? t(`error.${r.code}`) : r.code}
              {/* the server's detail (English) names the specifics, e.g. the session range */}
              {r.message && (
                <Tooltip title={r.message}>
                  <InfoCircleOutlined style={{ marginLeft: 6, color: 'rgba(0,0,0,0.45)' }} />
                </Tooltip>
              )}
            </span>
          ),
        },
      ]}
    />
  );
}
