import { useI18n } from '../lib/use-i18n.tsx';

export type DashboardPanel = 'layers' | 'overview' | null;

export type DashboardPhoneSwitchProps = {
  open: DashboardPanel;
  onChange: (panel: DashboardPanel) => void;
};

/** On a phone, the map page's two panels open one at a time as sheets over the map. */
export function DashboardPhoneSwitch({ open, onChange }: DashboardPhoneSwitchProps) {
  const { t } = useI18n();
  return (
    <div className="dashboard-switch phone-only">
      {(['layers', 'overview'] as const).map((panel) => (
        <button
          key={panel}
          type="button"
          className={`button${open === panel ? ' button--active' : ''}`}
          aria-pressed={open === panel}
          onClick={() => onChange(open === panel ? null : panel)}
        >
          {panel === 'layers' ? t('phone.layers') : t('phone.panel')}
        </button>
      ))}
    </div>
  );
}
