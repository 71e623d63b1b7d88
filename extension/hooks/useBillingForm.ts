// Form state over a Billing page: typed values, inline and server problems, save per section, 412 merge, unsaved-changes state.
import { useEffect, useState } from 'preact/hooks';
import {
  buildPatch,
  changedPaths,
  checkValue,
  compactRecipients,
  isRecipientPath,
  rebaseValues,
  toFormValues,
  validate,
  type FieldSpec,
  type FormValues,
} from '../utils/forms/billing-form';
import { errorMessage, problemMessage, serverFieldProblem } from '../utils/i18n/format';
import { t } from '../utils/i18n/i18n';
import { asApiError } from '../utils/api/api-error';
import type { BillingPageState } from './useBillingPage';
import { usePhoneDisplay } from './usePhoneDisplay';

export interface Status {
  kind: 'success' | 'error';
  text: string;
}

interface FormState {
  accountId: string | null;
  base: FormValues;
  values: FormValues;
}

const EMPTY: FormState = { accountId: null, base: {}, values: {} };

export function useBillingForm(billing: BillingPageState, specs: FieldSpec[]) {
  const [form, setForm] = useState<FormState>(EMPTY);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Status | null>(null);
  /** After a 412: the saved values as they were before someone else's save, to tell which fields it changed. */
  const [conflict, setConflict] = useState<FormValues | null>(null);
  const [saving, setSaving] = useState(false);
  const page = billing.page;
  // Phones show as people read them once the formatter is here; the stored E.164 until then.
  const phoneDisplay = usePhoneDisplay();

  useEffect(() => {
    if (!page) return;
    const next = toFormValues(page, specs, phoneDisplay);
    setForm((f) =>
      f.accountId === page.accountId
        ? { accountId: page.accountId, base: next, values: rebaseValues(f.values, f.base, next) }
        : { accountId: page.accountId, base: next, values: next },
    );
  }, [page, specs, phoneDisplay]);

  useEffect(() => {
    setProblems({});
    setStatus(null);
    setConflict(null);
  }, [page?.accountId]);

  function setField(path: string, value: string) {
    setForm((f) => ({ ...f, values: { ...f.values, [path]: value } }));
    const spec = specs.find((s) => s.path === path);
    const problem = spec && checkValue(spec, value);
    setProblems((p) => {
      const { [path]: _old, ...rest } = p;
      return problem && spec ? { ...rest, [path]: problemMessage(problem, spec.max) } : rest;
    });
  }

  const dirty = (section: FieldSpec[]) => changedPaths(form.values, form.base, section);

  async function save(section: FieldSpec[]): Promise<boolean> {
    // A blank recipient row between two addresses closes up first, so rows are numbered as the API numbers them.
    const values = section.some((s) => isRecipientPath(s.path)) ? compactRecipients(form.values) : form.values;
    if (values !== form.values) {
      setForm((f) => ({ ...f, values }));
      setProblems((p) => Object.fromEntries(Object.entries(p).filter(([path]) => !isRecipientPath(path))));
    }
    const paths = changedPaths(values, form.base, section);
    if (!paths.length) return true;
    const found = validate(values, section, paths);
    if (Object.keys(found).length) {
      const messages: Record<string, string> = {};
      for (const [path, problem] of Object.entries(found)) {
        messages[path] = problemMessage(problem, specs.find((s) => s.path === path)?.max);
      }
      setProblems((p) => ({ ...p, ...messages }));
      setStatus({ kind: 'error', text: t('errors.invalid_request') });
      return false;
    }
    setSaving(true);
    setStatus(null);
    const before = form.base;
    try {
      const next = await billing.save(buildPatch(values, section, paths));
      const saved = toFormValues(next, specs, phoneDisplay);
      setForm((f) => {
        const values = { ...f.values };
        for (const path of paths) values[path] = saved[path];
        return { ...f, values };
      });
      setConflict(null);
      setStatus({ kind: 'success', text: t('common.saved') });
      return true;
    } catch (e) {
      const error = asApiError(e);
      if (error.code === 'version_mismatch') setConflict((c) => c ?? before);
      const fieldMessages: Record<string, string> = {};
      for (const fe of error.errors) {
        const { problem, max } = serverFieldProblem(fe.message, fe.path);
        fieldMessages[fe.path] = problemMessage(problem, max);
      }
      setProblems((p) => ({ ...p, ...fieldMessages }));
      setStatus({ kind: 'error', text: errorMessage(error.code) });
      return false;
    } finally {
      setSaving(false);
    }
  }

  function discard(section: FieldSpec[]) {
    setForm((f) => {
      const values = { ...f.values };
      for (const s of section) values[s.path] = f.base[s.path] ?? '';
      return { ...f, values };
    });
    setProblems({});
    setConflict(null);
    setStatus(null);
  }

  /**
   * After a 412: "Saved now: …" only under a field that the other save actually changed and whose
   * typed value differs from it. A field nobody else touched keeps the person's value, unannotated.
   */
  function savedNow(path: string): string | undefined {
    if (!conflict || form.base[path] === conflict[path] || form.values[path] === form.base[path]) return undefined;
    return t('common.savedNow', { value: form.base[path] || t('common.empty') });
  }

  /** Whether any field differs from what is saved: the page warns before closing (issue 15 §4). */
  const unsaved = changedPaths(form.values, form.base, specs).length > 0;

  return { values: form.values, problems, status, conflict: conflict !== null, saving, unsaved, setField, save, dirty, discard, savedNow };
}
