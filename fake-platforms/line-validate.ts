import { charLength, isHttpUrl, isNonEmptyString, isObject, type Json } from './check';
import type { LineErrorDetail } from './line-errors';

/**
 * Checks LINE message objects (LINE Messaging API) and reports every problem with its property
 * path, the way LINE's 400 body does. LINE wants https URLs; http is accepted so the demo
 * can serve media from localhost.
 */

const TYPES = ['text', 'image', 'video', 'audio', 'location', 'sticker', 'imagemap', 'template', 'flex'];
const ACTION_TYPES = ['postback', 'message', 'uri', 'datetimepicker', 'camera', 'cameraRoll', 'location', 'richmenuswitch', 'clipboard'];
const MAX_URL = 2000;

class Issues {
  readonly list: LineErrorDetail[] = [];
  add(property: string, message: string): void {
    this.list.push({ property, message });
  }
  /** A required non-empty string of at most `max` characters. */
  text(property: string, value: unknown, max: number): void {
    if (value === undefined || value === null) this.add(property, 'must be specified');
    else if (typeof value !== 'string') this.add(property, 'Must be a string');
    else if (value === '') this.add(property, 'May not be empty');
    else if (charLength(value) > max) this.add(property, `Length must be between 0 and ${max}`);
  }
  optionalText(property: string, value: unknown, max: number): void {
    if (value !== undefined) this.text(property, value, max);
  }
  url(property: string, value: unknown): void {
    if (value === undefined) this.add(property, 'must be specified');
    else if (!isHttpUrl(value)) this.add(property, 'Must be a valid HTTPS URL');
    else if (value.length > MAX_URL) this.add(property, `Length must be between 0 and ${MAX_URL}`);
  }
  size(property: string, value: unknown, min: number, max: number): value is unknown[] {
    if (!Array.isArray(value)) {
      this.add(property, value === undefined ? 'must be specified' : 'Must be an array');
      return false;
    }
    if (value.length < min || value.length > max) {
      this.add(property, `Size must be between ${min} and ${max}`);
      return false;
    }
    return true;
  }
  number(property: string, value: unknown): void {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.add(property, value === undefined ? 'must be specified' : 'Must be a number');
  }
}

/** Validates the `messages` array of a reply or push body. */
export function validateLineMessages(messages: unknown, property = 'messages'): LineErrorDetail[] {
  const issues = new Issues();
  if (issues.size(property, messages, 1, 5)) {
    messages.forEach((message, i) => checkMessage(issues, `${property}[${i}]`, message));
  }
  return issues.list;
}

function checkMessage(issues: Issues, at: string, message: unknown): void {
  if (!isObject(message)) {
    issues.add(at, 'Must be an object');
    return;
  }
  const p = (name: string) => `${at}.${name}`;
  switch (message.type) {
    case 'text':
      issues.text(p('text'), message.text, 5000);
      if (message.emojis !== undefined) issues.size(p('emojis'), message.emojis, 0, 20);
      break;
    case 'image':
    case 'video':
      issues.url(p('originalContentUrl'), message.originalContentUrl);
      issues.url(p('previewImageUrl'), message.previewImageUrl);
      break;
    case 'audio':
      issues.url(p('originalContentUrl'), message.originalContentUrl);
      issues.number(p('duration'), message.duration);
      break;
    case 'location':
      issues.text(p('title'), message.title, 100);
      issues.text(p('address'), message.address, 100);
      issues.number(p('latitude'), message.latitude);
      issues.number(p('longitude'), message.longitude);
      break;
    case 'sticker':
      for (const field of ['packageId', 'stickerId']) {
        const value = message[field];
        if (!isNonEmptyString(value) && typeof value !== 'number') issues.add(p(field), 'must be specified');
      }
      break;
    case 'imagemap':
      issues.url(p('baseUrl'), message.baseUrl);
      issues.text(p('altText'), message.altText, 1500);
      if (!isObject(message.baseSize)) issues.add(p('baseSize'), 'must be specified');
      issues.size(p('actions'), message.actions, 0, 50);
      break;
    case 'template':
      issues.text(p('altText'), message.altText, 1500);
      checkTemplate(issues, p('template'), message.template);
      break;
    case 'flex':
      issues.text(p('altText'), message.altText, 1500);
      checkFlexContainer(issues, p('contents'), message.contents);
      break;
    default:
      issues.add(p('type'), `Must be one of the following values: [${TYPES.join(', ')}]`);
      return;
  }
  if (message.quickReply !== undefined) checkQuickReply(issues, p('quickReply'), message.quickReply);
  if (message.sender !== undefined) {
    if (!isObject(message.sender)) issues.add(p('sender'), 'Must be an object');
    else {
      issues.optionalText(p('sender.name'), message.sender.name, 20);
      if (message.sender.iconUrl !== undefined) issues.url(p('sender.iconUrl'), message.sender.iconUrl);
    }
  }
}

function checkTemplate(issues: Issues, at: string, template: unknown): void {
  if (!isObject(template)) {
    issues.add(at, 'must be specified');
    return;
  }
  const p = (name: string) => `${at}.${name}`;
  switch (template.type) {
    case 'buttons': {
      const compact = template.title !== undefined || template.thumbnailImageUrl !== undefined;
      issues.text(p('text'), template.text, compact ? 60 : 160);
      issues.optionalText(p('title'), template.title, 40);
      if (template.thumbnailImageUrl !== undefined) issues.url(p('thumbnailImageUrl'), template.thumbnailImageUrl);
      if (issues.size(p('actions'), template.actions, 1, 4)) checkActions(issues, p('actions'), template.actions);
      break;
    }
    case 'confirm':
      issues.text(p('text'), template.text, 240);
      if (issues.size(p('actions'), template.actions, 2, 2)) checkActions(issues, p('actions'), template.actions);
      break;
    case 'carousel': {
      if (!issues.size(p('columns'), template.columns, 1, 10)) break;
      let actionCount: number | undefined;
      template.columns.forEach((column, i) => {
        const c = `${p('columns')}[${i}]`;
        if (!isObject(column)) return issues.add(c, 'Must be an object');
        const compact = column.title !== undefined || column.thumbnailImageUrl !== undefined;
        issues.text(`${c}.text`, column.text, compact ? 60 : 120);
        issues.optionalText(`${c}.title`, column.title, 40);
        if (column.thumbnailImageUrl !== undefined) issues.url(`${c}.thumbnailImageUrl`, column.thumbnailImageUrl);
        if (issues.size(`${c}.actions`, column.actions, 1, 3)) {
          checkActions(issues, `${c}.actions`, column.actions);
          // LINE rejects carousels whose columns have different numbers of actions.
          if (actionCount !== undefined && actionCount !== column.actions.length) {
            issues.add(`${c}.actions`, 'All columns must have the same number of actions');
          }
          actionCount ??= column.actions.length;
        }
      });
      break;
    }
    case 'image_carousel':
      if (!issues.size(p('columns'), template.columns, 1, 10)) break;
      template.columns.forEach((column, i) => {
        const c = `${p('columns')}[${i}]`;
        if (!isObject(column)) return issues.add(c, 'Must be an object');
        issues.url(`${c}.imageUrl`, column.imageUrl);
        checkAction(issues, `${c}.action`, column.action);
      });
      break;
    default:
      issues.add(p('type'), 'Must be one of the following values: [buttons, confirm, carousel, image_carousel]');
  }
}

function checkFlexContainer(issues: Issues, at: string, contents: unknown): void {
  if (!isObject(contents)) {
    issues.add(at, 'must be specified');
    return;
  }
  if (contents.type === 'carousel') {
    if (issues.size(`${at}.contents`, contents.contents, 1, 12)) {
      contents.contents.forEach((bubble, i) => {
        if (!isObject(bubble) || bubble.type !== 'bubble') issues.add(`${at}.contents[${i}].type`, 'Must be one of the following values: [bubble]');
      });
    }
  } else if (contents.type !== 'bubble') {
    issues.add(`${at}.type`, 'Must be one of the following values: [bubble, carousel]');
  }
}

function checkQuickReply(issues: Issues, at: string, quickReply: unknown): void {
  if (!isObject(quickReply)) {
    issues.add(at, 'Must be an object');
    return;
  }
  if (!issues.size(`${at}.items`, quickReply.items, 1, 13)) return;
  quickReply.items.forEach((item, i) => {
    const it = `${at}.items[${i}]`;
    if (!isObject(item)) return issues.add(it, 'Must be an object');
    if (item.type !== 'action') issues.add(`${it}.type`, 'Must be one of the following values: [action]');
    if (item.imageUrl !== undefined) issues.url(`${it}.imageUrl`, item.imageUrl);
    checkAction(issues, `${it}.action`, item.action);
  });
}

function checkActions(issues: Issues, at: string, actions: unknown[]): void {
  actions.forEach((action, i) => checkAction(issues, `${at}[${i}]`, action));
}

function checkAction(issues: Issues, at: string, action: unknown): void {
  if (!isObject(action)) {
    issues.add(at, 'must be specified');
    return;
  }
  const p = (name: string) => `${at}.${name}`;
  if (typeof action.type !== 'string' || !ACTION_TYPES.includes(action.type)) {
    issues.add(p('type'), `Must be one of the following values: [${ACTION_TYPES.join(', ')}]`);
    return;
  }
  // Camera/location actions get their label from the client in some places; the rest need one.
  if (['postback', 'message', 'uri', 'datetimepicker'].includes(action.type)) issues.text(p('label'), action.label, 20);
  else issues.optionalText(p('label'), action.label, 20);
  switch (action.type as string) {
    case 'postback':
      issues.text(p('data'), action.data, 300);
      issues.optionalText(p('displayText'), action.displayText, 300);
      break;
    case 'message':
      issues.text(p('text'), action.text, 300);
      break;
    case 'uri':
      issues.text(p('uri'), action.uri, 1000);
      if (typeof action.uri === 'string' && !/^(https?|line|tel):/.test(action.uri)) issues.add(p('uri'), 'Must be a URL with the scheme http, https, line or tel');
      break;
    case 'datetimepicker':
      issues.text(p('data'), action.data, 300);
      if (!['date', 'time', 'datetime'].includes(String(action.mode))) issues.add(p('mode'), 'Must be one of the following values: [date, time, datetime]');
      break;
  }
}

/** Only for reply/push bodies: the top-level fields around `messages`. */
export function validateNotificationDisabled(body: Json): LineErrorDetail[] {
  return body.notificationDisabled === undefined || typeof body.notificationDisabled === 'boolean'
    ? []
    : [{ property: 'notificationDisabled', message: 'Must be a boolean' }];
}
