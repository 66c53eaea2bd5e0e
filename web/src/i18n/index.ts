import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { errorMessages } from './errors';
import { strings } from './strings';
import { evaluationStrings } from './strings-evaluation';
import { jobsStrings } from './strings-jobs';
import { precheckStrings } from './strings-precheck';
import { enterpriseStrings } from './strings-enterprise';
import { appealsStrings } from './strings-appeals';
import { messagesStrings } from './strings-messages';
import { timelineStrings } from './strings-timeline';
import { helpStrings } from './strings-help';
import { ApiError } from '../lib/api';

export type Lang = 'zh-CN' | 'en';

function build(idx: 0 | 1): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    ...strings,
    ...evaluationStrings,
    ...jobsStrings,
    ...precheckStrings,
    ...appealsStrings,
    ...timelineStrings,
    ...enterpriseStrings,
  }))
    out[k] = v[idx];
  for (const [k, v] of Object.entries(messagesStrings)) out[k] = v[idx];
  for (const [k, v] of Object.entries(helpStrings)) out[k] = v[idx];
  for (const [k, v] of Object.entries(errorMessages)) out[`error.${k}`] = idx === 0 ? v.zh : v.en;
  return out;
}

const saved = (typeof localStorage !== 'undefined' && localStorage.getItem('lang')) as Lang | null;
export const initialLang: Lang = saved === 'en' ? 'en' : 'zh-CN';

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: build(0) }, en: { translation: build(1) } },
  lng: initialLang,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  keySeparator: false,
  returnNull: false,
});
dayjs.locale(initialLang === 'en' ? 'en' : 'zh-cn');

export function setLang(lang: Lang): void {
  localStorage.setItem('lang', lang);
  void i18n.changeLanguage(lang);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
}

/** An error as one sentence in the current language: the code's sentence, plus the field when one is named. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const key = `error.${err.code}`;
    const base = i18n.exists(key) ? i18n.t(key) : err.detail || err.code;
    const issue = err.issues?.[0];
    const field = err.field ?? issue?.field;
    const sub = issue && issue.code !== err.code && i18n.exists(`error.${issue.code}`) ? i18n.t(`error.${issue.code}`) : '';
    // the field by its label; a raw field name only on an English screen (never on a zh-CN one)
    const label = field && i18n.exists(`field.${field}`) ? i18n.t(`field.${field}`) : i18n.language === 'en' ? field : undefined;
    return field ? `${base}${sub ? ' ' + sub : ''}${label ? i18n.t('common.fieldNote', { field: label }) : ''}` : base;
  }
  if (err instanceof TypeError) return i18n.t('error.NETWORK');
  if (err instanceof Error) return err.message;
  return String(err);
}

export default i18n;
