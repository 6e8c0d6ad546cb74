import { NOTIFICATION_KINDS, type NotificationKind } from '../reference/vocabulary';
import type { NotificationText } from './messages';

/** What a template keyword is filled with. */
export type TemplateValue = 'title' | 'body' | 'time';

export interface SubscribeTemplate {
  kind: NotificationKind;
  templateId: string;
  /** Keyword → what fills it, e.g. thing1 → title. */
  fields: Record<string, TemplateValue>;
}

/** The keywords a template gets unless its configuration names others. */
export const DEFAULT_FIELDS: Record<string, TemplateValue> = { thing1: 'title', thing2: 'body', time3: 'time' };

const VALUES: readonly TemplateValue[] = ['title', 'body', 'time'];

/**
 * `WECHAT_TEMPLATE_<KIND>` — the template id chosen in the mini-program's console for that kind, and
 * optionally its keywords: `Ab12…|thing1=title,thing4=body,time2=time`. Kinds without one are told
 * in the inbox only. A malformed value is a configuration error (thrown with its variable's name).
 */
export function parseTemplates(env: Record<string, string | undefined>): SubscribeTemplate[] {
  const templates: SubscribeTemplate[] = [];
  for (const kind of NOTIFICATION_KINDS.values) {
    const name = `WECHAT_TEMPLATE_${kind.toUpperCase()}`;
    const raw = env[name]?.trim();
    if (!raw) continue;
    const [templateId, keywords] = raw.split('|');
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(templateId)) throw new Error(`${name}: not a template id`);
    let fields = DEFAULT_FIELDS;
    if (keywords) {
      fields = {};
      for (const pair of keywords.split(',')) {
        const [keyword, value] = pair.split('=').map((p) => p?.trim());
        if (!/^[a-z_]+\d+$/.test(keyword ?? '') || !VALUES.includes(value as TemplateValue)) throw new Error(`${name}: "${pair}" is not keyword=title|body|time`);
        fields[keyword] = value as TemplateValue;
      }
    }
    templates.push({ kind, templateId, fields });
  }
  return templates;
}

export class SubscribeTemplates {
  private readonly byKind: Map<NotificationKind, SubscribeTemplate>;
  constructor(private readonly templates: SubscribeTemplate[]) {
    this.byKind = new Map(templates.map((t) => [t.kind, t]));
  }
  of(kind: NotificationKind): SubscribeTemplate | undefined {
    return this.byKind.get(kind);
  }
  byTemplateId(templateId: string): SubscribeTemplate | undefined {
    return this.templates.find((t) => t.templateId === templateId);
  }
  all(): SubscribeTemplate[] {
    return this.templates;
  }
}

/** The text cut to `max` characters, an ellipsis marking the cut (WeChat's keyword limits, the inbox's columns). */
export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The subscribe message's `page` and `data` (JSON text for the outbox). */
export function subscribePayload(template: SubscribeTemplate, text: NotificationText, at: string): string {
  // WeChat's limits on keyword values: `thing` 20 characters, `time` a date-time
  const source: Record<TemplateValue, string> = { title: clip(text.title, 20), body: clip(text.body, 20), time: at };
  const data = Object.fromEntries(Object.entries(template.fields).map(([keyword, value]) => [keyword, { value: source[value] }]));
  return JSON.stringify({ page: text.link ? text.link.replace(/^\//, '') : 'pages/home/index', data });
}
