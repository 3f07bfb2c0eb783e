import { useState } from 'react';
import { getApiKey, setApiKey } from '../api/client.ts';
import { useStudio } from '../store/studio-store.ts';
import { Dialog, DialogFoot } from '../ui/Dialog.tsx';

/** Asks for an API key when the runtime answers 401, or when the user switches keys; the key stays in this browser only. */
export function ApiKeyDialog() {
  const need = useStudio((s) => s.needKey);
  const setNeedKey = useStudio((s) => s.setNeedKey);
  const [key, setKey] = useState(getApiKey() ?? '');
  return (
    <Dialog
      open={need !== false}
      title={need === 'switch' ? 'Use an API key' : 'API key needed'}
      onClose={() => setNeedKey(false)}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setApiKey(key.trim() || null);
          setNeedKey(false);
          window.location.reload();
        }}
      >
        <p>
          {need === 'switch'
            ? 'Act as the person a key belongs to: paste their API key. It replaces the key this browser keeps and is sent with every request.'
            : 'This runtime asks who you are. Paste the API key an admin gave you; it is kept in this browser and sent with every request.'}
        </p>
        <div className="qs-form-row">
          <label htmlFor="qs-api-key">API key</label>
          <input
            id="qs-api-key"
            className="qs-input qs-mono"
            type="password"
            autoComplete="off"
            value={key}
            onChange={(e) => setKey(e.target.value)}
          />
        </div>
        <DialogFoot onCancel={() => setNeedKey(false)} submit="Use this key" disabled={!key.trim()} />
      </form>
    </Dialog>
  );
}
