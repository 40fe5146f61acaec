import './compress.css';

export { CompressionScreen } from './CompressionScreen.js';
