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
  const page = billing.page;
  // Phones show as people read them once the formatter is here; the stored E.164 until then.
  const phoneDisplay = usePhoneDisplay();
  // A page known at the first render (the snapshot's cache) fills the fields in that same render.
  const [form, setForm] = useState<FormState>(() => {
    if (!page) return EMPTY;
    const values = toFormValues(page, specs, phoneDisplay);
    return { accountId: page.accountId, base: values, values };
  });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Status | null>(null);
  /** After a 412: the saved values as they were before someone else's save, to tell which fields it changed. */
  const [conflict, setConflict] = useState<FormValues | null>(null);
  const [saving, setSaving] = useState(false);

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

  /** The inline checks of the changed fields; false (with the problems shown) when one fails. */
  function checkChanged(section: FieldSpec[], paths: string[], values: FormValues = form.values): boolean {
    const found = validate(values, section, paths);
    if (!Object.keys(found).length) return true;
    const messages: Record<string, string> = {};
    for (const [path, problem] of Object.entries(found)) {
      messages[path] = problemMessage(problem, specs.find((s) => s.path === path)?.max);
    }
    setProblems((p) => ({ ...p, ...messages }));
    setStatus({ kind: 'error', text: t('errors.invalid_request') });
    return false;
  }

  /** The server's field problems under their fields (`prefix` is where the body carries the page's fields). */
  function showServerProblems(error: ReturnType<typeof asApiError>, prefix = '') {
    const fieldMessages: Record<string, string> = {};
    for (const fe of error.errors) {
      const path = fe.path.startsWith(prefix) ? fe.path.slice(prefix.length) : fe.path;
      const { problem, max, chars } = serverFieldProblem(fe.message, path);
      fieldMessages[path] = problemMessage(problem, max, chars);
    }
    setProblems((p) => ({ ...p, ...fieldMessages }));
    setStatus({ kind: 'error', text: errorMessage(error.code) });
  }

  /**
   * A member's proposal (issue 16): the changed fields go to `send` as a PATCH body instead of being
   * saved, with the same inline checks and the server's problems under each field; the draft is cleared after.
   */
  async function propose(section: FieldSpec[], send: (patch: ReturnType<typeof buildPatch>) => Promise<string>): Promise<boolean> {
    const paths = dirty(section);
    if (!paths.length) {
      setStatus({ kind: 'error', text: t('proposals.nothingChanged') });
      return false;
    }
    if (!checkChanged(section, paths)) return false;
    setSaving(true);
    setStatus(null);
    try {
      const done = await send(buildPatch(form.values, section, paths));
      setForm((f) => ({ ...f, values: { ...f.base } }));
      setProblems({});
      setStatus({ kind: 'success', text: done });
      return true;
    } catch (e) {
      showServerProblems(asApiError(e), 'changes.');
      return false;
    } finally {
      setSaving(false);
    }
  }

  async function save(section: FieldSpec[]): Promise<boolean> {
    // A blank recipient row between two addresses closes up first, so rows are numbered as the API numbers them.
    const values = section.some((s) => isRecipientPath(s.path)) ? compactRecipients(form.values) : form.values;
    if (values !== form.values) {
      setForm((f) => ({ ...f, values }));
      setProblems((p) => Object.fromEntries(Object.entries(p).filter(([path]) => !isRecipientPath(path))));
    }
    const paths = changedPaths(values, form.base, section);
    if (!paths.length) return true;
    if (!checkChanged(section, paths, values)) return false;
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
      showServerProblems(error);
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

  return { values: form.values, problems, status, setStatus, conflict: conflict !== null, saving, unsaved, setField, save, propose, dirty, discard, savedNow };
}
