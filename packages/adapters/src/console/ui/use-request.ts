import { useCallback, useRef, useState } from 'preact/hooks';

/** The state of a request the page started. */
export interface RequestState<T> {
  busy: boolean;
  error: unknown;
  data: T | undefined;
}

/**
 * Runs one request at a time for a component and keeps its result, error and busy flag.
 * A newer run wins over an older one still in flight.
 */
export function useRequest<T>(initial?: T) {
  const [state, setState] = useState<RequestState<T>>({
    busy: false,
    error: undefined,
    data: initial,
  });
  const generation = useRef(0);
  const run = useCallback(async (work: () => Promise<T>): Promise<T | undefined> => {
    const mine = ++generation.current;
    setState((previous) => ({ ...previous, busy: true, error: undefined }));
    try {
      const data = await work();
      if (mine === generation.current) setState({ busy: false, error: undefined, data });
      return data;
    } catch (error) {
      if (mine === generation.current) {
        setState((previous) => ({ ...previous, busy: false, error }));
      }
      return undefined;
    }
  }, []);
  const setData = useCallback((data: T | undefined) => {
    setState((previous) => ({ ...previous, data }));
  }, []);
  return { ...state, run, setData };
}
