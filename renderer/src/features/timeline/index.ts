/** The Timeline screen: the app shell imports exactly this. */
export { Timeline, type TimelineProps } from './Timeline.js';
