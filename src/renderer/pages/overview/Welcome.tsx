import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { errorMessage } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Status';
import { navigate } from '../../routes';

/** What a first start shows: what volsnap does, and the two ways to begin. */
export function Welcome() {
  const client = useQueryClient();
  const addDemo = useMutation({
    mutationFn: () => api.accounts.add({ provider: 'demo', name: 'Demo cloud' }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['accounts'] });
      navigate('/volumes');
    },
  });
  return (
    <div className="welcome panel">
      <h2>Welcome to volsnap</h2>
      <p>
        volsnap takes snapshots of your cloud volumes and servers on a schedule, deletes old ones by the retention you
        choose, and tells you loudly when something fails. Tokens stay on this computer, in your system's keychain.
      </p>
      <p>Start by connecting a cloud account, or try everything first with the simulated demo cloud.</p>
      <div className="button-row">
        <a className="button primary" href="#/accounts?add=1">
          Add a cloud account
        </a>
        <button type="button" className="button" onClick={() => addDemo.mutate()} disabled={addDemo.isPending}>
          Try the demo cloud
        </button>
        {addDemo.isPending && <Spinner label="Adding the demo cloud…" />}
      </div>
      {addDemo.isError && (
        <p className="notice notice-error" role="alert">
          {errorMessage(addDemo.error)}
        </p>
      )}
    </div>
  );
}
