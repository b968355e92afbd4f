import type { ReactNode } from 'react';
import { useI18n } from '../../lib/use-i18n.tsx';

export type WallPanelProps = {
  title: string;
  /** when the figures were computed (ISO); null while none have arrived */
  asOf: string | null;
  className?: string;
  children: ReactNode;
};

/** A framed panel of the wall: title, "as of" time, content. */
export function WallPanel({ title, asOf, className, children }: WallPanelProps) {
  const { t, formatTime } = useI18n();
  return (
    <section className={`wall-panel ${className ?? ''}`} aria-label={title}>
      <header className="wall-panel__head">
        <h2 className="wall-panel__title">{title}</h2>
        <span className="wall-panel__as-of" data-as-of={asOf ?? ''}>
          {asOf ? t('wall.asOf', { time: formatTime(asOf) }) : t('wall.waiting')}
        </span>
      </header>
      <div className="wall-panel__body">{children}</div>
    </section>
  );
}
