import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectBridge } from './bridge/connectBridge';
// After App's imports, so the theme wins over uPlot's own stylesheet where both set a rule.
import './theme.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

// One bridge for the page's lifetime: it outlives React's development double-mounting.
const bridge = connectBridge();

createRoot(container).render(
  <StrictMode>
    <App bridge={bridge} />
  </StrictMode>,
);
