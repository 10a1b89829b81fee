import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { ApiProblem, get, whenUnauthenticated, write } from './api/client';
import type { Session } from './api/types';

interface SessionContextValue {
  readonly session: Session;
  /** The session ended while the console was open (a 401): the sign-in page says so. */
  readonly expired: boolean;
  readonly refresh: () => Promise<void>;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

export const useSession = (): SessionContextValue => {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
};

/** Who is signed in (`GET /auth/session`), known before any page is drawn. */
export const SessionProvider = ({ children, fallback }: { children: ReactNode; fallback: (problem: ApiProblem | undefined, retry: () => void) => ReactNode }) => {
  const [session, setSession] = useState<Session | undefined>();
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [expired, setExpired] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setProblem(undefined);
      setSession(await get<Session>('/auth/session'));
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : new ApiProblem(0, 'NETWORK', String(error)));
    }
  }, []);

  useEffect(() => {
    void refresh();
    whenUnauthenticated(() => {
      setExpired(true);
      setSession((current) => (current ? { signedIn: false, signIn: current.signIn } : current));
    });
  }, [refresh]);

  const signOut = useCallback(async () => {
    await write('POST', '/auth/sign-out', {});
    setExpired(false);
    await refresh();
  }, [refresh]);

  if (!session) return <>{fallback(problem, () => void refresh())}</>;
  return <SessionContext.Provider value={{ session, expired, refresh: async () => { setExpired(false); await refresh(); }, signOut }}>{children}</SessionContext.Provider>;
};

/** Whether the signed-in person may record decisions on mandates (officers, admins). */
export const mayRecord = (session: Session): boolean => session.role === 'officer' || session.role === 'admin';
/** Whether the person reads compliance cases (everyone but operators). */
export const mayReadCases = (session: Session): boolean => session.role !== undefined && session.role !== 'operator';
