import type { ReactNode } from 'react';

export type SidePanelHeaderProps = {
  /** small line above the title (what kind of thing this is) */
  eyebrow: ReactNode;
  title: ReactNode;
  /** accessible name and tooltip of the close button */
  closeLabel: string;
  onClose: () => void;
};

/** The header every side panel and drawer shares: eyebrow, title as the heading, close button. */
export function SidePanelHeader({ eyebrow, title, closeLabel, onClose }: SidePanelHeaderProps) {
  return (
    <header className="side-panel__header">
      <div>
        <p className="panel__eyebrow">{eyebrow}</p>
        <h2 className="side-panel__title">{title}</h2>
      </div>
      <button
        type="button"
        className="icon-button"
        onClick={onClose}
        aria-label={closeLabel}
        title={closeLabel}
      >
        ×
      </button>
    </header>
  );
}
