import './whatif.css';
import './whatif-setup.css';

export { WhatIfView } from './WhatIfView.js';
