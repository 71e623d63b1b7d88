// The input a field spec asks for: a country or language select, a text input otherwise, with the server's limits.
import { fieldAttributes, INPUT_TYPES, type FieldSpec } from '../utils/forms/billing-form';
import { CountrySelect } from './CountrySelect';
import { LanguageSelect } from './LanguageSelect';
import { TextField } from './TextField';

interface SpecFieldProps {
  spec: FieldSpec;
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: string;
  disabled?: boolean;
  problem?: string;
  savedNow?: string;
  required?: boolean;
}

/** maxlength and autocomplete come from the spec (shared/fields.ts LIMITS, WHATWG autofill tokens). */
export function SpecField({ spec, type: _type, ...props }: SpecFieldProps) {
  const attributes = fieldAttributes(spec);
  if (spec.kind === 'country') return <CountrySelect {...props} autoComplete={attributes.autoComplete} />;
  if (spec.kind === 'language') return <LanguageSelect {...props} />;
  return <TextField {...props} type={INPUT_TYPES[spec.kind]} {...attributes} />;
}
