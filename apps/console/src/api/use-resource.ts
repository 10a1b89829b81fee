import { useCallback, useEffect, useState } from 'react';
import { ApiProblem } from './client';

/** A resource being loaded: what a page shows while it waits, when it fails, and once it has it. */
export type Resource<T> =
  | { readonly state: 'loading'; readonly reload: () => void }
  | { readonly state: 'error'; readonly problem: ApiProblem; readonly reload: () => void }
  | { readonly state: 'ready'; readonly data: T; readonly reload: () => void; readonly refreshing: boolean };

/**
 * Loads `load` whenever `key` changes (earlier loads are cancelled); `reload` loads it again. With
 * `keepPrevious`, what was shown stays (marked `refreshing`) until the new answer replaces it.
 */
export const useResource = <T>(key: string | null, load: (signal: AbortSignal) => Promise<T>, { keepPrevious = false } = {}): Resource<T> => {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ key: string | null; data?: T; problem?: ApiProblem; loading: boolean }>({ key, loading: true });
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true, problem: undefined }));
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ key, data, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const problem = error instanceof ApiProblem ? error : new ApiProblem(0, 'UNEXPECTED', (error as Error).message);
        setState({ key, problem, loading: false });
      },
    );
    return () => controller.abort();
    // `load` closes over what `key` names: the key alone says when to load again.
  }, [key, attempt]);
  const stale = state.key !== key;
  if (state.problem && !stale) return { state: 'error', problem: state.problem, reload };
  if (state.data !== undefined && (!stale || keepPrevious)) return { state: 'ready', data: state.data, reload, refreshing: state.loading || stale };
  return { state: 'loading', reload };
};
