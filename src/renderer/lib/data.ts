/** Shared queries: one hook per IPC read, keyed by the area main announces changes for. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

export const useAppInfo = () => useQuery({ queryKey: ['settings', 'app-info'], queryFn: () => api.app.info() });
export const useSettings = () => useQuery({ queryKey: ['settings'], queryFn: () => api.settings.get() });
export const useAccounts = () => useQuery({ queryKey: ['accounts'], queryFn: () => api.accounts.list() });
export const useTargets = () => useQuery({ queryKey: ['targets'], queryFn: () => api.targets.list() });
export const useRules = () => useQuery({ queryKey: ['rules'], queryFn: () => api.rules.list() });
export const useOverview = () => useQuery({ queryKey: ['overview'], queryFn: () => api.overview.get() });
/** Counts, capped attention and the pause from main's kept read model: cheap enough for every page. */
export const useOverviewSummary = () =>
  useQuery({ queryKey: ['overview', 'summary'], queryFn: () => api.overview.summary() });
/** Per-account root cause and fix, computed in main; keyed under overview because runs change it too. */
export const useAccountHealth = () =>
  useQuery({ queryKey: ['overview', 'account-health'], queryFn: () => api.accounts.health() });
