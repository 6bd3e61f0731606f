import { useId, useState, type FormEvent } from 'react';
import { DISPLAY_NAME_MAX, displayNameProblem, loadName, saveName } from '../lib/display-name.js';
import { useT } from '../i18n/i18n-context.js';
import type { Text } from '../i18n/text.js';

export interface GoOnlineFormProps {
  /** Whom going online will ring (`/call/<name>`). */
  target: string | null;
  pending: boolean;
  disabled: boolean;
  onGoOnline: (name: string) => void;
}

/** The name others will see and call you by, and "Go online". */
export function GoOnlineForm({ target, pending, disabled, onGoOnline }: GoOnlineFormProps) {
  const t = useT();
  const [name, setName] = useState(loadName);
  const [problem, setProblem] = useState<Text | null>(null);
  const problemId = useId();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = displayNameProblem(name);
    setProblem(found);
    if (found) return;
    saveName(name);
    onGoOnline(name.trim());
  }

  return (
    <form className="join-form" onSubmit={onSubmit} noValidate aria-describedby={problem ? problemId : undefined}>
      <p className="tagline">{target ? t('calls.goOnlineTo', { name: target }) : t('calls.goOnlineIntro')}</p>
      <label className="field">
        <span>{t('calls.name')}</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="nickname"
          maxLength={DISPLAY_NAME_MAX}
          enterKeyHint="go"
          autoFocus={name === ''}
          aria-invalid={problem !== null}
        />
      </label>
      {problem && (
        <p id={problemId} className="error" role="alert">
          {t(problem.key, problem.params)}
        </p>
      )}
      <button type="submit" className="pill primary join" disabled={pending || disabled}>
        {t('calls.goOnline')}
      </button>
      {pending && (
        <p className="status" role="status">
          {t('calls.goingOnline')}
        </p>
      )}
    </form>
  );
}
