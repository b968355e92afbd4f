import type { ReactNode } from 'react';
import type { LoginResult } from '../../common/auth.ts';
import { LoginForm } from '../features/auth/login-form.tsx';
import { useSession, type SessionEndReason } from '../lib/use-session.tsx';

/** What a page behind the gate gets: the session and the way out. */
export type SignedIn = {
  session: LoginResult;
  signOut: (reason?: SessionEndReason) => void;
};

export type LoginGateProps = {
  /** shown above the sign-in form: the page's header, or the wall's title */
  header: ReactNode;
  /** a wrapper around header and form (the wall's); none by default */
  className?: string;
  /** the sign-in card's heading and line under it (LoginForm's defaults otherwise) */
  title?: string;
  subtitle?: string;
  /** the page of the signed-in user */
  children: (signedIn: SignedIn) => ReactNode;
};

/** The one sign-in gate of every page: the form until there is a session, then the page. */
export function LoginGate({ header, className, title, subtitle, children }: LoginGateProps) {
  const { session, signIn, signOut, endedBecause } = useSession();
  if (session) return children({ session, signOut });
  const form = (
    <LoginForm onSignedIn={signIn} endedBecause={endedBecause} title={title} subtitle={subtitle} />
  );
  if (className === undefined) {
    return (
      <>
        {header}
        {form}
      </>
    );
  }
  return (
    <div className={className}>
      {header}
      {form}
    </div>
  );
}
