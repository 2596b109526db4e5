import { useState } from 'react';

/**
 * A form's copy of settings: follows the saved value (pushed from any window) until the user edits
 * it, then keeps the edit until it is saved or reset.
 */
export function useDraft<T>(saved: T): { draft: T; edit: (next: T) => void; settle: () => void; dirty: boolean } {
  const savedKey = JSON.stringify(saved);
  const [draft, setDraft] = useState(saved);
  const [dirty, setDirty] = useState(false);
  const [seenKey, setSeenKey] = useState(savedKey);
  if (!dirty && savedKey !== seenKey) {
    setSeenKey(savedKey);
    setDraft(saved);
  }
  return {
    draft,
    dirty,
    edit: (next) => {
      setDraft(next);
      setDirty(true);
    },
    settle: () => setDirty(false),
  };
}
