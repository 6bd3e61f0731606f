import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import { loadSignalingUrl } from './lib/signaling-url.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

void loadSignalingUrl().then((signalingUrl) =>
  createRoot(root).render(
    <StrictMode>
      <App signalingUrl={signalingUrl} />
    </StrictMode>,
  ),
);
