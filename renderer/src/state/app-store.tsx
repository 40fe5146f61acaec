/**
 * A small external store (no new dependency): the reducer's state, read by components
 * through `useSyncExternalStore` with a selector, so a screen re-renders only when its
 * slice changes, and read synchronously by the async actions.
 */
import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';
import type { Actions } from './actions.js';
import { type Action, type AppState, reduce } from './store.js';

export interface AppStore {
  getState(): AppState;
  dispatch(action: Action): void;
  subscribe(listener: () => void): () => void;
}

export function createAppStore(initial: AppState): AppStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = reduce(state, action);
      if (next === state) return;
      state = next;
      listeners.forEach((listener) => listener());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

interface AppContextValue {
  store: AppStore;
  actions: Actions;
}

const AppContext = createContext<AppContextValue | null>(null);

export function AppProvider(props: { store: AppStore; actions: Actions; children: ReactNode }) {
  return (
    <AppContext.Provider value={{ store: props.store, actions: props.actions }}>{props.children}</AppContext.Provider>
  );
}

function useAppContext(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp* called outside <AppProvider>');
  return value;
}

/** A slice of the state; the selector must return something the reducer keeps by reference. */
export function useAppState<T>(select: (state: AppState) => T): T {
  const { store } = useAppContext();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

export function useActions(): Actions {
  return useAppContext().actions;
}
