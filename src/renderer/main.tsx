import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { createQueryClient, invalidateAreas } from './lib/queries';
import { navigate } from './routes';
import { api } from './api';
import './styles.css';

const queryClient = createQueryClient();

// Subscribed before the first render, so a change main announces while the
// first queries are in flight is never missed (it would leave, say, the theme
// at the value read a moment before the change).
api.on('data:changed', ({ areas }) => invalidateAreas(queryClient, areas));
api.on('app:navigate', ({ path }) => navigate(path));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
