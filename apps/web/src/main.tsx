import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import { I18nProvider } from './i18n/i18n-context.js';
import { loadSignalingUrl } from './lib/signaling-url.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

void loadSignalingUrl().then((signalingUrl) =>
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <App signalingUrl={signalingUrl} />
      </I18nProvider>
    </StrictMode>,
  ),
);
