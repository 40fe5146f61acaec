import './llm.css';

export { LlmView } from './LlmView.js';
/** The thread sweep with its Amdahl curve, for any screen that shows a session's sweep. */
export { ThreadSweepChart } from './ThreadSweepChart.js';
