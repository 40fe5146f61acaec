/** The screens of the app, in navigation order; digits 1–9 switch to them in this order. */
export const SCREENS = [
  { id: 'start', label: 'Start', needs: null },
  { id: 'model', label: 'Model', needs: 'model' },
  { id: 'run', label: 'Run setup', needs: 'model' },
  { id: 'timeline', label: 'Timeline', needs: 'session' },
  { id: 'ops', label: 'Ops', needs: 'session' },
  { id: 'bottlenecks', label: 'Bottlenecks', needs: 'session' },
  { id: 'whatif', label: 'What-if', needs: 'session' },
  { id: 'compare', label: 'Compare', needs: null },
  { id: 'llm', label: 'LLM', needs: 'session' },
] as const satisfies ReadonlyArray<{ id: string; label: string; needs: 'model' | 'session' | null }>;

export type ScreenId = (typeof SCREENS)[number]['id'];

export function screenAtDigit(digit: number): ScreenId | null {
  return SCREENS[digit - 1]?.id ?? null;
}
