import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { ImportCrs, ImportRegister } from '../../../common/ledgers.ts';
import { uploadLedger, type UploadState } from './ledgers-api.ts';

/** A ledger upload: the chosen file and options, its dry run and apply, and where it is. */
export function useLedgerUpload(token: string) {
  const client = useQueryClient();
  const [register, setRegister] = useState<ImportRegister>('compounds');
  const [crs, setCrs] = useState<ImportCrs>('auto');
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const [dryRun, setDryRun] = useState(true);

  const run = useCallback(
    async (asDryRun: boolean) => {
      if (!file) return;
      setDryRun(asDryRun);
      const end = await uploadLedger({
        token,
        register,
        file,
        crs,
        dryRun: asDryRun,
        onState: setState,
      });
      if (!asDryRun && end.phase === 'done')
        await client.invalidateQueries({ queryKey: ['ledgers'] });
    },
    [client, token, register, file, crs],
  );
  const choose = (f: File | null) => {
    setFile(f);
    setState({ phase: 'idle' });
  };
  return { register, setRegister, crs, setCrs, file, choose, state, dryRun, run };
}
