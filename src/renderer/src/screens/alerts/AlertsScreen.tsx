import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AlertRule } from '../../../../shared/alerts';
import { GAME_CATALOG } from '../../../../shared/games';
import { useApp } from '../../app/AppContext';
import { AlertFeed } from './AlertFeed';
import { askForNotifications, notificationChoice, type NotificationChoice } from './alertDelivery';
import { RuleEditor } from './RuleEditor';
import { describeRule, draftOf, newDraft, type RuleDraft } from './ruleForm';
import { useAlertFeed } from './useAlertFeed';
import './alerts.css';

/** `#/alerts`: the rules (enable, edit, delete, create) beside the feed of what they fired. */
export function AlertsScreen() {
  const { service, settings } = useApp();
  const [rules, setRules] = useState<AlertRule[] | null>(null);
  const [editing, setEditing] = useState<RuleDraft | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const feed = useAlertFeed(service);
  const tracked = settings?.settings.games ?? [];
  const games = useMemo(() => [...tracked, ...GAME_CATALOG.map((game) => game.slug).filter((slug) => !tracked.includes(slug))], [tracked]);

  const reload = useCallback(() => {
    service
      .listAlertRules({})
      .then(setRules)
      .catch((error: unknown) => setProblem((error as Error).message));
  }, [service]);
  useEffect(reload, [reload]);

  const change = (work: Promise<unknown>): void => {
    setProblem(null);
    work.then(reload).catch((error: unknown) => setProblem((error as Error).message));
  };
  const toggle = (rule: AlertRule, enabled: boolean): void => {
    const { createdAt: _created, updatedAt: _updated, ...input } = rule;
    // Shown at once; the list is read back after the save (and a refusal said above it).
    setRules((shown) => shown?.map((entry) => (entry.id === rule.id ? { ...entry, enabled } : entry)) ?? shown);
    change(service.saveAlertRule({ ...input, enabled }));
  };

  return (
    <div className="alerts" data-testid="alerts">
      <header className="alerts__header">
        <h2 className="alerts__heading">Alerts</h2>
        <NotificationPermission />
      </header>
      {problem === null ? null : (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <div className="alerts__columns">
        <section className="alerts-panel" aria-labelledby="alert-rules-title" data-testid="alert-rules">
          <div className="alerts-panel__head">
            <h3 className="alerts-panel__title" id="alert-rules-title">
              Rules
            </h3>
            {editing === null ? (
              <button type="button" className="button button--primary" onClick={() => setEditing(newDraft(games))} data-testid="new-rule">
                New rule
              </button>
            ) : null}
          </div>
          {editing === null ? null : (
            <RuleEditor
              key={editing.id ?? 'new'}
              initial={editing}
              games={games}
              onCancel={() => setEditing(null)}
              onSaved={() => {
                setEditing(null);
                reload();
              }}
            />
          )}
          {rules === null ? (
            <p className="alerts-panel__empty">Loading rules…</p>
          ) : rules.length === 0 ? (
            <p className="alerts-panel__empty">No rules yet. A rule watches one game or several: a big multiplier, a bonus, a drought or a streak.</p>
          ) : (
            <ul className="rule-list">
              {rules.map((rule) => (
                <li key={rule.id} className={`rule-item${rule.enabled ? '' : ' rule-item--off'}`} data-testid="rule-item" data-rule={rule.id}>
                  <label className="check rule-item__toggle" title={rule.enabled ? 'Enabled' : 'Disabled'}>
                    <input type="checkbox" checked={rule.enabled} aria-label={`Enable ${rule.name}`} data-testid="rule-toggle" onChange={(event) => toggle(rule, event.target.checked)} />
                  </label>
                  <div className="rule-item__text">
                    <span className="rule-item__name">{rule.name}</span>
                    <span className="rule-item__what">{describeRule(rule)}</span>
                  </div>
                  <div className="rule-item__buttons">
                    <button type="button" className="button" onClick={() => setEditing(draftOf(rule))} data-testid="edit-rule">
                      Edit
                    </button>
                    <button type="button" className="button button--danger" onClick={() => change(service.deleteAlertRule({ id: rule.id }))} data-testid="delete-rule">
                      Delete
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
        <AlertFeed feed={feed} />
      </div>
    </div>
  );
}

/** In a browser (`roundlog serve`), alerts can also be browser notifications once allowed; the app shows native ones. */
function NotificationPermission() {
  const [choice, setChoice] = useState<NotificationChoice>(notificationChoice);
  if (choice === 'electron') return null;
  if (choice === 'unsupported') return <p className="alerts__permission">This browser cannot show notifications; alerts appear in the feed.</p>;
  if (choice === 'granted') return <p className="alerts__permission" data-testid="notifications-on">Browser notifications are on while this tab is open.</p>;
  if (choice === 'denied') return <p className="alerts__permission">Notifications are blocked for this page; allow them in the browser’s site settings.</p>;
  return (
    <button type="button" className="button" onClick={() => void askForNotifications().then(setChoice)} data-testid="allow-notifications">
      Show browser notifications
    </button>
  );
}
