import { useI18n } from '../lib/use-i18n.tsx';

export type PhoneView = 'queue' | 'map';

export type PhoneViewSwitchProps = {
  view: PhoneView;
  onChange: (view: PhoneView) => void;
  /** events in the queue, shown on its button */
  count: number;
};

/** On a phone: the queue (first) or the map fitted to the user's area, one at a time. */
export function PhoneViewSwitch({ view, onChange, count }: PhoneViewSwitchProps) {
  const { t } = useI18n();
  return (
    <div className="phone-view-switch" role="radiogroup" aria-label={t('phone.view')}>
      {(['queue', 'map'] as const).map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={view === option}
          className="phone-view-switch__option"
          onClick={() => onChange(option)}
        >
          {option === 'queue' ? t('phone.queue', { n: count }) : t('phone.map')}
        </button>
      ))}
    </div>
  );
}
