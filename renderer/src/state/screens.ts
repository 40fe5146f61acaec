/** The screens of the app, in navigation order; digits 1–9, then 0, switch to them in this order. */
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
  { id: 'compress', label: 'Compression', needs: null },
] as const satisfies ReadonlyArray<{ id: string; label: string; needs: 'model' | 'session' | null }>;

export type ScreenId = (typeof SCREENS)[number]['id'];

/** The digit key of the screen at `index`: 1–9, then 0 for the tenth, as on a keyboard's number row. */
export function screenKey(index: number): string | null {
  return index < 9 ? String(index + 1) : index === 9 ? '0' : null;
}

export function screenAtDigit(digit: number): ScreenId | null {
  return SCREENS[digit === 0 ? 9 : digit - 1]?.id ?? null;
}
