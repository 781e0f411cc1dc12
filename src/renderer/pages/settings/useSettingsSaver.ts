import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import type { Settings } from '../../../shared/domain';

/**
 * Saves each change as it is made. Changes on their way to main are shown over what main
 * last said, so a refetch racing a save never flips a control back; the overlay clears
 * once all are saved.
 */
export function useSettingsSaver(saved: Settings) {
  const client = useQueryClient();
  const [overlay, setOverlay] = useState<Partial<Settings>>({});
  const inFlight = useRef(0);
  const settings: Settings = { ...saved, ...overlay };
  const update = useMutation({
    mutationFn: (patch: Partial<Settings>) => api.settings.update(patch),
    onSettled: async () => {
      inFlight.current -= 1;
      if (inFlight.current === 0) {
        await client.invalidateQueries({ queryKey: ['settings'], exact: true });
        if (inFlight.current === 0) setOverlay({});
      }
    },
  });
  const save = (patch: Partial<Settings>) => {
    inFlight.current += 1;
    setOverlay((o) => ({ ...o, ...patch }));
    update.mutate(patch);
  };
  return { settings, save, update };
}
