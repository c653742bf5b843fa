import { isHttpUrl, isNonEmptyString, isObject, type Json } from './check';

const APPLE_BID = 'com.apple.messages.MSMessageExtensionBalloonPlugin:0000000000:com.apple.icloud.apps.messages.business.extension';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Headers = Record<string, string | string[] | undefined>;

/** The message headers and the body's ids must agree, as Apple's MSP REST interface asks. */
export function checkAppleEnvelope(headers: Headers, body: unknown): string | null {
  const id = headers.id;
  const sourceId = headers['source-id'];
  const destinationId = headers['destination-id'];
  if (typeof id !== 'string' || !UUID.test(id)) return 'The id header must be a UUID';
  if (!isNonEmptyString(sourceId)) return 'The Source-Id header (the business id) is missing';
  if (!isNonEmptyString(destinationId)) return 'The Destination-Id header (the customer) is missing';
  if (!isObject(body)) return 'The body must be a JSON object';
  if (body.id !== id) return 'The body id must equal the id header';
  if (body.v !== 1) return 'v must be 1';
  if (body.sourceId !== sourceId) return 'sourceId must equal the Source-Id header';
  if (body.destinationId !== destinationId) return 'destinationId must equal the Destination-Id header';
  return null;
}

function checkListPicker(data: Json): string | null {
  const picker = data.listPicker;
  if (!isObject(picker) || !Array.isArray(picker.sections) || !picker.sections.length) return 'listPicker.sections must be a non-empty array';
  for (const section of picker.sections) {
    if (!isObject(section) || !Array.isArray(section.items) || !section.items.length) return 'each section needs items';
    const ids = new Set<string>();
    for (const item of section.items) {
      if (!isObject(item) || !isNonEmptyString(item.identifier) || !isNonEmptyString(item.title)) return 'each item needs an identifier and a title';
      if (ids.has(item.identifier)) return `item identifiers must be unique (${item.identifier})`;
      ids.add(item.identifier);
    }
  }
  return null;
}

/** The body of one message type: text, richLink or an interactive list picker. */
export function checkAppleMessage(body: Json): string | null {
  switch (body.type) {
    case 'text':
      return isNonEmptyString(body.body) ? null : 'A text message needs a body';
    case 'richLink': {
      const data = body.richLinkData;
      if (!isObject(data) || !isHttpUrl(data.url) || !isNonEmptyString(data.title)) return 'richLinkData needs an http(s) url and a title';
      return null;
    }
    case 'interactive': {
      const interactive = body.interactiveData;
      if (!isObject(interactive) || interactive.bid !== APPLE_BID) return "interactiveData.bid must be Apple's business extension";
      if (!isObject(interactive.receivedMessage) || !isNonEmptyString(interactive.receivedMessage.title)) return 'interactiveData.receivedMessage needs a title';
      const data = interactive.data;
      if (!isObject(data) || !isNonEmptyString(data.requestIdentifier)) return 'interactiveData.data needs a requestIdentifier';
      return checkListPicker(data);
    }
    default:
      return `Unsupported message type ${String(body.type)}`;
  }
}
