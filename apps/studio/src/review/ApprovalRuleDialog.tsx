import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { type ApprovalRule, governance } from '../api/governance.ts';
import { useStudio } from '../store/studio-store.ts';
import { Dialog, DialogFoot } from '../ui/Dialog.tsx';
import { afterReviewAction } from './review-actions.ts';

/** The admin's form for a workflow's approval rule: required or not, who approves, editors excluded or not. */
export function ApprovalRuleDialog(props: { open: boolean; rule: ApprovalRule; onClose: () => void }) {
  const [rule, setRule] = useState(props.rule);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const patch = (p: Partial<ApprovalRule>) => setRule((r) => ({ ...r, ...p }));

  const save = async () => {
    const id = useStudio.getState().meta?.id;
    if (!id) return;
    setBusy(true);
    setError(null);
    try {
      await governance.setApproval(id, rule);
      props.onClose();
      await afterReviewAction('The approval rule is saved.');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} title="Approval rule" onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="qs-form-row">
          <label className="qs-check">
            <input
              type="checkbox"
              checked={rule.required}
              onChange={(e) => patch({ required: e.target.checked })}
            />
            Publishing needs an approved proposal
          </label>
        </div>
        <div className="qs-form-row">
          <label htmlFor="qs-rule-role">Who may approve</label>
          <select
            id="qs-rule-role"
            className="qs-input"
            value={rule.role}
            onChange={(e) => patch({ role: e.target.value as ApprovalRule['role'] })}
          >
            <option value="approver">Approvers and admins</option>
            <option value="admin">Admins only</option>
          </select>
        </div>
        <div className="qs-form-row">
          <label className="qs-check">
            <input
              type="checkbox"
              checked={rule.excludeEditors}
              onChange={(e) => patch({ excludeEditors: e.target.checked })}
            />
            Nobody who edited the proposal may approve it
          </label>
        </div>
        {error && (
          <p className="qs-error-text" role="alert">
            {error}
          </p>
        )}
        <DialogFoot onCancel={props.onClose} submit={busy ? 'Saving…' : 'Save rule'} disabled={busy} />
      </form>
    </Dialog>
  );
}
