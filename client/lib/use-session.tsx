import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { LoginResult } from '../../common/auth.ts';
import { apiRequest } from './api-client.ts';
import { clearSession, readSession, writeSession, type SessionStorageLike } from './session.ts';

export type SessionEndReason = 'logout' | 'expired' | 'password';

export type SessionContextValue = {
  session: LoginResult | null;
  /** why the last session ended, for the login form's message */
  endedBecause: SessionEndReason | null;
  signIn: (session: LoginResult) => void;
  signOut: (reason?: SessionEndReason) => void;
};

const SessionContext = createContext<SessionContextValue | null>(null);

function storage(): SessionStorageLike | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: the session lasts as long as the page
  }
}

export type SessionProviderProps = { children: ReactNode };

/** Holds the logged-in user and token, kept in sessionStorage across reloads of the tab. */
export function SessionProvider({ children }: SessionProviderProps) {
  const [session, setSession] = useState<LoginResult | null>(() => {
    const store = storage();
    return store ? readSession(store, Date.now()) : null;
  });
  const [endedBecause, setEndedBecause] = useState<SessionEndReason | null>(null);
  const sessionRef = useRef(session);
  useEffect(() => {
    sessionRef.current = session;
  }, [session]);

  const signIn = useCallback((next: LoginResult) => {
    const store = storage();
    if (store) writeSession(store, next);
    setEndedBecause(null);
    setSession(next);
  }, []);
  const signOut = useCallback((reason: SessionEndReason = 'logout') => {
    // a chosen logout ends the session on the server too (every device, every socket);
    // an expired one is already over there
    const token = sessionRef.current?.token;
    if (reason === 'logout' && token) {
      void apiRequest('/api/auth/logout', { method: 'POST', token });
    }
    const store = storage();
    if (store) clearSession(store);
    setEndedBecause(reason);
    setSession(null);
  }, []);

  const value = useMemo(
    () => ({ session, endedBecause, signIn, signOut }),
    [session, endedBecause, signIn, signOut],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

/** The session and the functions that start and end it. */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
