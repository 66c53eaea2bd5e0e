/**
 * 长辈版 (issue 20, part 5): a large-text, high-contrast mode, switched in every shell's header and remembered in
 * this browser (localStorage; nothing is kept on the server). It is applied twice: the `elder` class on <html>
 * (styles.css scales the root font size, so every rem grows) and antd's theme tokens (font size, colours,
 * control heights), which are computed from the root font size so that a phone's own text size is honoured too.
 */
import { useSyncExternalStore } from 'react';
import { Button, type ThemeConfig } from 'antd';
import type { ProLayoutProps } from '@ant-design/pro-components';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

const KEY = 'elder';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

let elder = read();

function applyClass(): void {
  if (typeof document !== 'undefined') document.documentElement.classList.toggle('elder', elder);
}
applyClass();

export function setElder(on: boolean): void {
  elder = on;
  try {
    if (on) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    /* private mode: the switch still works for this page */
  }
  applyClass();
  for (const l of listeners) l();
}

export function useElder(): boolean {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => elder,
    () => false,
  );
}

/** The root font size in px (16 unless the person or 长辈版 changed it). */
function rootPx(): number {
  if (typeof document === 'undefined') return 16;
  const v = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(v) && v > 0 ? v : 16;
}

/**
 * Alerts keep antd's light tints and borders: antd derives them from the status colour, and the darker status colours
 * below (for text at 4.5:1) would otherwise tint them brown and grey.
 */
const STATUS_TINTS = {
  colorErrorBg: '#fff2f0',
  colorSuccessBg: '#f6ffed',
  colorWarningBg: '#fffbe6',
  colorErrorBorder: '#ffccc7',
  colorSuccessBorder: '#b7eb8f',
  colorWarningBorder: '#ffe58f',
} as const;

/**
 * antd's tokens for the current mode. Both modes keep text at a contrast of at least 4.5:1 on white (antd's
 * default secondary grey and #1677ff under white text do not); 长辈版 goes further: black text, darker blue,
 * taller controls.
 */
export function themeFor(on: boolean): ThemeConfig {
  const k = rootPx() / 16;
  const px = (n: number) => Math.round(n * k);
  if (!on) {
    return {
      token: {
        colorPrimary: '#0958d9',
        colorPrimaryHover: '#003eb3',
        colorLink: '#0958d9',
        colorLinkHover: '#003eb3',
        colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
        colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
        colorTextDescription: 'rgba(0, 0, 0, 0.6)',
        colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
        ...STATUS_TINTS,
        colorError: '#cf1322',
        colorSuccess: '#237804',
        colorWarning: '#ad4e00',
        colorErrorText: '#cf1322',
        colorSuccessText: '#237804',
        colorWarningText: '#ad4e00',
        fontSize: px(14),
      },
    };
  }
  return {
    token: {
      colorPrimary: '#003eb3',
      colorPrimaryHover: '#002c8c',
      colorLink: '#003eb3',
      colorLinkHover: '#002c8c',
      colorText: '#000000',
      colorTextHeading: '#000000',
      colorTextSecondary: 'rgba(0, 0, 0, 0.85)',
      colorTextTertiary: 'rgba(0, 0, 0, 0.8)',
      colorTextDescription: 'rgba(0, 0, 0, 0.8)',
      colorTextPlaceholder: 'rgba(0, 0, 0, 0.7)',
      colorBorder: '#595959',
      colorBorderSecondary: '#8c8c8c',
      ...STATUS_TINTS,
      colorError: '#a8071a',
      colorSuccess: '#135200',
      colorWarning: '#873800',
      colorErrorText: '#a8071a',
      colorSuccessText: '#135200',
      colorWarningText: '#873800',
      colorErrorBorder: '#ff7875',
      colorSuccessBorder: '#95de64',
      colorWarningBorder: '#ffc53d',
      fontSize: px(14),
      lineHeight: 1.6,
      controlHeight: px(38),
      controlHeightSM: px(32),
      controlHeightLG: px(44),
      borderRadius: 8,
    },
  };
}

/** The header's switch: its label says what it switches to (长辈版 ⇄ 标准版); never an icon alone. */
export function ElderSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const on = useElder();
  return (
    <Button
      size={size}
      icon={<EyeOutlined />}
      type={on ? 'primary' : 'default'}
      aria-label={on ? t('elder.off') : t('elder.on')}
      title={on ? t('elder.off') : t('elder.on')}
      data-testid="elder-switch"
      onClick={() => setElder(!on)}
    >
      {on ? t('elder.off') : t('elder.on')}
    </Button>
  );
}

/**
 * The worker's phone pages: every control at least 44 px tall (a finger, not a mouse pointer), in both modes.
 * Nested inside the app's ConfigProvider, so the mode's colours and font size stay.
 */
export function touchTheme(on: boolean): ThemeConfig {
  const base = themeFor(on).token ?? {};
  const atLeast = (n: number | undefined, min: number) => Math.max(n ?? 0, min);
  return {
    token: {
      controlHeight: atLeast(base.controlHeight, 44),
      controlHeightSM: atLeast(base.controlHeightSM, 44),
      controlHeightLG: atLeast(base.controlHeightLG, 48),
    },
    // a switch (消息设置 on 我的) is a touch target too: a 44 px track with a handle to match
    components: { Switch: { trackHeight: 44, trackMinWidth: 72, handleSize: 40, innerMinMargin: 22, innerMaxMargin: 46 } },
  };
}

/**
 * The staff shell's ProLayout keeps its own sizes and colours beside antd's tokens: a 56 px header, a fixed sider
 * width, grey menu text. In 长辈版 they follow the mode too — a taller header, a wider sider for the larger menu
 * text, black menu text and a dark-blue selection (styles.css enlarges the header's title and icons, which
 * ProLayout sets in px).
 */
export function staffLayoutFor(on: boolean): Pick<ProLayoutProps, 'token' | 'siderWidth'> {
  if (!on) return { token: { header: { colorBgHeader: '#fff' } } };
  const k = rootPx() / 16;
  return {
    siderWidth: Math.round(216 * k),
    token: {
      header: {
        colorBgHeader: '#fff',
        heightLayoutHeader: Math.round(56 * k),
        colorHeaderTitle: '#000000',
        colorTextRightActionsItem: '#000000',
      },
      sider: {
        colorTextMenu: '#000000',
        colorTextMenuSecondary: '#000000',
        colorTextMenuTitle: '#000000',
        colorTextMenuItemHover: '#002c8c',
        colorTextMenuActive: '#002c8c',
        colorTextMenuSelected: '#002c8c',
        colorTextSubMenuSelected: '#002c8c',
        colorBgMenuItemSelected: '#d6e4ff',
      },
    },
  };
}
