import '@xyflow/react/dist/style.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/editor.css';
import './styles/side-panel.css';
import './styles/score-table.css';
import './styles/scoring.css';
import './styles/test-panel.css';
import './styles/dialogs.css';
import './styles/sla.css';
import './styles/backtest.css';
import './styles/handoff.css';
import './styles/governance.css';
import './styles/review.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
