import './compare.css';

export { CompareView } from './CompareView.js';
