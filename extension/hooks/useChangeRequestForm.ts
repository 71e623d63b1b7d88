// Form state for filing a change request: prefilled values, inline and server problems, "change at least one value", unsaved warning.
import { useEffect, useState } from 'preact/hooks';
import { usePhoneDisplay } from './usePhoneDisplay';
import type { BillingPage, ChangeRequest } from '../../shared/api-types';
import { asApiError } from '../utils/api/api-error';
import { changedPaths, checkValue, rebaseValues, type FormValues } from '../utils/forms/billing-form';
import {
  CHANGE_REQUEST_FIELDS,
  buildChangeRequest,
  changesNothing,
  initialChangeRequestValues,
  validateChangeRequest,
} from '../utils/forms/change-request-form';
import { changeRequestsApi } from '../utils/api/change-requests';
import { errorMessage, problemMessage, serverFieldProblem, type UiProblem } from '../utils/i18n/format';
import { t } from '../utils/i18n/i18n';
import type { Status } from './useBillingForm';
import { useUnsavedWarning } from './useUnsavedWarning';

const maxOf = (path: string) => CHANGE_REQUEST_FIELDS.find((s) => s.path === path)?.max;

function messages(found: Record<string, UiProblem>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, problem] of Object.entries(found)) out[path] = problemMessage(problem, maxOf(path));
  return out;
}

/**
 * `onFiled` gets the new case; `onOpenCase` is called on 409 `change_request_open` (a case was filed
 * meanwhile, R13), so the page shows that case instead of the form.
 */
export function useChangeRequestForm(
  page: BillingPage,
  contactEmail: string,
  onFiled: (filed: ChangeRequest) => void,
  onOpenCase: () => void,
) {
  const [form, setForm] = useState<{ base: FormValues; values: FormValues }>(() => {
    const start = initialChangeRequestValues(page, contactEmail);
    return { base: start, values: start };
  });
  const values = form.values;
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Status | null>(null);
  const [sending, setSending] = useState(false);

  const phoneDisplay = usePhoneDisplay();
  useEffect(() => {
    // A fresher Billing page (a save, a completed case) moves untouched fields; typed ones stay.
    // The phone formatter arriving reformats an untouched phone the same way.
    const next = initialChangeRequestValues(page, contactEmail, phoneDisplay);
    setForm((f) => ({ base: next, values: rebaseValues(f.values, f.base, next) }));
  }, [page, contactEmail, phoneDisplay]);

  useUnsavedWarning(changedPaths(values, form.base, CHANGE_REQUEST_FIELDS).length > 0);

  function setField(path: string, value: string) {
    setForm((f) => ({ ...f, values: { ...f.values, [path]: value } }));
    const spec = CHANGE_REQUEST_FIELDS.find((s) => s.path === path);
    const problem = spec && checkValue(spec, value);
    setProblems((p) => {
      const { [path]: _old, ...rest } = p;
      return problem ? { ...rest, [path]: problemMessage(problem, spec.max) } : rest;
    });
  }

  async function submit(): Promise<void> {
    const found = validateChangeRequest(values);
    if (Object.keys(found).length) {
      setProblems(messages(found));
      setStatus({ kind: 'error', text: t('errors.invalid_request') });
      return;
    }
    if (changesNothing(page, values)) {
      setStatus({ kind: 'error', text: t('changeRequest.nothingChanged') });
      return;
    }
    setSending(true);
    setStatus(null);
    try {
      const created = await changeRequestsApi.create(page.accountId, buildChangeRequest(page, values));
      setForm((f) => ({ ...f, values: f.base }));
      setProblems({});
      setStatus(null);
      onFiled(created);
    } catch (e) {
      const error = asApiError(e);
      if (error.code === 'change_request_open') return onOpenCase();
      const fromServer: Record<string, string> = {};
      for (const fe of error.errors) {
        const { problem, max, chars } = serverFieldProblem(fe.message);
        fromServer[fe.path] = problemMessage(problem, max, chars);
      }
      setProblems((p) => ({ ...p, ...fromServer }));
      setStatus({ kind: 'error', text: errorMessage(error.code) });
    } finally {
      setSending(false);
    }
  }

  return { values, problems, status, sending, setField, submit };
}
