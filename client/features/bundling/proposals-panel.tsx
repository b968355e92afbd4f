import { useState } from 'react';
import type { BundleProposal, ProposalProvider, ProviderInput } from '../../../common/bundling.ts';
import type { Translate } from '../../lib/i18n.ts';
import type { ApiState } from '../../lib/use-api-query.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import type { EnterpriseOption, ProposalActionInput } from './bundling-api.ts';

export type ProposalsPanelProps = {
  proposals: BundleProposal[];
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  enterprises: ApiState<EnterpriseOption[]>;
  unitNames: ReadonlyMap<string, string>;
  focusedId: number | null;
  onFocus: (id: number | null) => void;
  /** resolves to an error message, or null when done */
  onAction: (proposal: BundleProposal, input: ProposalActionInput) => Promise<string | null>;
  /** puts a proposal's compounds into the selection, to adjust them */
  onLoad: (proposal: BundleProposal) => void;
  /** compounds in the selection; a draft can take them over */
  selectionCount: number;
  /** replaces a draft's compounds by the selection; resolves like onAction */
  onReplace: (proposal: BundleProposal) => Promise<string | null>;
  /** today as YYYY-MM-DD, the default contract date */
  today: string;
};

/** The saved proposals with their state, and the next steps: approve, assign, contract, withdraw. */
export function ProposalsPanel(props: ProposalsPanelProps) {
  const { t } = useI18n();
  return (
    <section className="panel plan-panel" aria-labelledby="plan-proposals-title">
      <h2 id="plan-proposals-title" className="panel__title">
        {t('plan.proposalsTitle', { count: props.proposals.length })}
      </h2>
      {props.status === 'loading' && <p className="panel__status">{t('plan.loading')}</p>}
      {props.error && (
        <p className="panel__status panel__status--error" role="alert">
          {props.error}
        </p>
      )}
      {props.status === 'ready' && props.proposals.length === 0 && (
        <p className="panel__note">{t('plan.noProposals')}</p>
      )}
      <ul className="plan-proposals" aria-label={t('plan.proposalsLabel')}>
        {props.proposals.map((proposal) => (
          <ProposalItem
            key={proposal.id}
            proposal={proposal}
            focused={props.focusedId === proposal.id}
            onFocus={() => props.onFocus(props.focusedId === proposal.id ? null : proposal.id)}
            enterprises={props.enterprises}
            unitName={props.unitNames.get(proposal.unitCode) ?? proposal.unitCode}
            onAction={(input) => props.onAction(proposal, input)}
            onLoad={() => props.onLoad(proposal)}
            onReplace={props.selectionCount > 0 ? () => props.onReplace(proposal) : null}
            today={props.today}
          />
        ))}
      </ul>
    </section>
  );
}

type ProposalItemProps = {
  proposal: BundleProposal;
  focused: boolean;
  onFocus: () => void;
  enterprises: ApiState<EnterpriseOption[]>;
  unitName: string;
  onAction: (input: ProposalActionInput) => Promise<string | null>;
  onLoad: () => void;
  onReplace: (() => Promise<string | null>) | null;
  today: string;
};

function ProposalItem(props: ProposalItemProps) {
  const { proposal, focused, onFocus, enterprises, unitName, onAction, onReplace, today } = props;
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (input: ProposalActionInput | 'replace') => {
    setPending(true);
    setError(null);
    const message = input === 'replace' ? await onReplace!() : await onAction(input);
    setPending(false);
    setError(message);
  };
  const open = proposal.state === 'draft' || proposal.state === 'approved';

  return (
    <li
      className={`plan-proposal plan-proposal--${proposal.state}${focused ? ' plan-proposal--focused' : ''}`}
      data-proposal-id={proposal.id}
    >
      <button
        type="button"
        className="plan-proposal__head"
        onClick={onFocus}
        aria-expanded={focused}
      >
        <span className="plan-proposal__name">{proposal.name}</span>
        <span className={`plan-state plan-state--${proposal.state}`} data-testid="proposal-state">
          {t(`plan.state.${proposal.state}`)}
        </span>
      </button>
      <p className="plan-proposal__meta">
        {unitName} ·{' '}
        {t('plan.bundleLabel', {
          households: proposal.households,
          count: proposal.compoundIds.length,
        })}
        {proposal.anchorId !== null && ` · ${t('plan.anchoredBy', { id: proposal.anchorId })}`}
      </p>
      {proposal.provider && (
        <p className="plan-proposal__meta">
          {t('plan.provider')}: {providerName(proposal.provider, t)}
          {proposal.contractedOn && ` · ${t('plan.contractedOn', { date: proposal.contractedOn })}`}
        </p>
      )}
      {open && (
        <div className="plan-proposal__actions">
          {proposal.state === 'draft' && (
            <>
              <button
                type="button"
                className="button button--small button--primary"
                disabled={pending}
                onClick={() => void run({ action: 'approve' })}
              >
                {t('plan.action.approve')}
              </button>
              <button
                type="button"
                className="button button--small"
                disabled={pending}
                onClick={props.onLoad}
              >
                {t('plan.action.load')}
              </button>
              {onReplace && (
                <button
                  type="button"
                  className="button button--small"
                  disabled={pending}
                  onClick={() => void run('replace')}
                >
                  {t('plan.action.replace')}
                </button>
              )}
            </>
          )}
          {proposal.state === 'approved' && (
            <AssignStep enterprises={enterprises} pending={pending} run={run} />
          )}
          {proposal.state === 'approved' && proposal.provider && (
            <ContractStep today={today} pending={pending} run={run} />
          )}
          <button
            type="button"
            className="button button--small button--ghost"
            disabled={pending}
            onClick={() => void run({ action: 'withdraw' })}
          >
            {t('plan.action.withdraw')}
          </button>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

type StepProps = {
  pending: boolean;
  run: (input: ProposalActionInput) => Promise<void>;
};

/** An approved proposal's provider: a mode, and for a professional one the enterprise. */
function AssignStep({
  enterprises,
  pending,
  run,
}: StepProps & { enterprises: ApiState<EnterpriseOption[]> }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<ProviderInput['mode']>('professional');
  const [enterpriseId, setEnterpriseId] = useState<number | null>(null);
  const enterpriseList = enterprises.status === 'ready' ? enterprises.data : [];
  const chosenEnterprise = enterpriseId ?? enterpriseList[0]?.id ?? null;
  const provider: ProviderInput | null =
    mode === 'professional'
      ? chosenEnterprise === null
        ? null
        : { mode, enterpriseId: chosenEnterprise }
      : { mode };
  return (
    <div className="plan-assign">
      <select
        className="select"
        aria-label={t('plan.providerMode')}
        name="providerMode"
        value={mode}
        onChange={(event) => setMode(event.target.value as ProviderInput['mode'])}
      >
        <option value="professional">{t('coverageMode.professional')}</option>
        <option value="street_company">{t('coverageMode.street_company')}</option>
        <option value="self_managed">{t('coverageMode.self_managed')}</option>
      </select>
      {mode === 'professional' && (
        <select
          className="select"
          aria-label={t('plan.enterprise')}
          name="enterprise"
          value={chosenEnterprise ?? ''}
          onChange={(event) => setEnterpriseId(Number(event.target.value))}
        >
          {enterpriseList.map((enterprise) => (
            <option key={enterprise.id} value={enterprise.id}>
              {enterprise.name}
            </option>
          ))}
        </select>
      )}
      <button
        type="button"
        className="button button--small"
        disabled={pending || provider === null}
        onClick={() => provider && void run({ action: 'assign', provider })}
      >
        {t('plan.action.assign')}
      </button>
    </div>
  );
}

/** An assigned proposal's contract, on a date no later than today. */
function ContractStep({ today, pending, run }: StepProps & { today: string }) {
  const { t } = useI18n();
  // untouched, the server's today is sent implicitly: the planner's clock may be a day ahead in UTC
  const [contractedOn, setContractedOn] = useState<string | null>(null);
  return (
    <div className="plan-assign">
      <input
        className="input plan-assign__date"
        type="date"
        name="contractedOn"
        aria-label={t('plan.contractDate')}
        value={contractedOn ?? today}
        max={today}
        onChange={(event) => setContractedOn(event.target.value)}
      />
      <button
        type="button"
        className="button button--small button--primary"
        disabled={pending || contractedOn === ''}
        onClick={() =>
          void run(
            contractedOn === null ? { action: 'contract' } : { action: 'contract', contractedOn },
          )
        }
      >
        {t('plan.action.contract')}
      </button>
    </div>
  );
}

/** Who serves a proposal, in words. */
export function providerName(provider: ProposalProvider, t: Translate): string {
  return provider.mode === 'professional'
    ? provider.enterpriseName
    : t(`coverageMode.${provider.mode}`);
}
