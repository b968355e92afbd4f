import type { ApiError, RefusalCheck } from '../../common/errors.ts';
import { useI18n } from './use-i18n.tsx';
import type { MessageKey } from './i18n.ts';

export type ApiErrorBody = ApiError['error'];

/** Words one rule of a refusal in the active locale, or null to fall back to the server's text. */
export type RefusalWords = (check: RefusalCheck) => string | null;

/**
 * Whether an error names this field or a part of it (`geometry.coordinates.0` is `geometry`).
 * @example namesField({ code: 'bad_request', message: '…', field: 'scope.grids' }, 'scope') // true
 */
export function namesField(error: ApiErrorBody | null | undefined, field: string): boolean {
  const named = error?.field;
  return named !== undefined && (named === field || named.startsWith(`${field}.`));
}

/**
 * What went wrong, in the active locale where the error carries its rules (error.checks), else
 * the server's message without its leading "field: ".
 * @example refusalText(error, words) // '与小区 12（示例小区）重叠 40 平方米，最多 5 平方米'
 */
export function refusalText(error: ApiErrorBody, words?: RefusalWords): string {
  const worded = (error.checks ?? []).map((c) => words?.(c) ?? null);
  if (worded.length > 0 && worded.every((w) => w !== null)) return worded.join('；');
  return error.field && error.message.startsWith(`${error.field}: `)
    ? error.message.slice(error.field.length + 2)
    : error.message;
}

export type FieldErrorProps = {
  error: ApiErrorBody | null | undefined;
  field: string;
  /** the field's label in the active locale */
  label: string;
  words?: RefusalWords;
};

/** A refusal shown next to the field it names: "小区范围：…". */
export function FieldError({ error, field, label, words }: FieldErrorProps) {
  const { t } = useI18n();
  if (!error || !namesField(error, field)) return null;
  return (
    <p className="field-error" role="alert" data-field={field} data-code={error.code}>
      {t('form.fieldError', { label, text: refusalText(error, words) })}
    </p>
  );
}

export type FormErrorProps = {
  error: ApiErrorBody | null | undefined;
  /** the fields shown with their own FieldError: their errors are not repeated here */
  fields: readonly string[];
  words?: RefusalWords;
};

/** A refusal naming none of the form's fields (a stale version, outside one's area), by its code. */
export function FormError({ error, fields, words }: FormErrorProps) {
  const { t } = useI18n();
  if (!error || fields.some((f) => namesField(error, f))) return null;
  return (
    <p className="field-error" role="alert" data-code={error.code}>
      {t('form.refused', {
        reason: t(`apiError.${error.code}` as MessageKey),
        text: refusalText(error, words),
      })}
    </p>
  );
}
