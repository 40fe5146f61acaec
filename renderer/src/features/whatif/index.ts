import './whatif.css';

export { WhatIfView } from './WhatIfView.js';
