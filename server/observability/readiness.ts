// Whether this process should be sent traffic: not while it starts, not once it is stopping (GET /ready).

export type ReadinessState = 'starting' | 'ready' | 'stopping';

export interface Readiness {
  readonly state: ReadinessState;
  set(state: ReadinessState): void;
}

export function createReadiness(initial: ReadinessState = 'starting'): Readiness {
  let state = initial;
  return {
    get state() {
      return state;
    },
    set(next) {
      // A stopping process never becomes ready again.
      if (state !== 'stopping') state = next;
    },
  };
}
