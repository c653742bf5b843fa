// Test support: webhook bodies as the platforms publish them, byte for byte (single lines, no trailing newline).

export const B1 =
  '{"object":"page","entry":[{"id":"PAGE_ID","time":1458692752478,"messaging":[{"sender":{"id":"USER_PSID"},"recipient":{"id":"PAGE_ID"},"timestamp":1458692752478,"message":{"mid":"mid.1457764197618:41d102a3e1ae206a38","text":"hello, world!"}}]}]}';

export const B2 =
  '{"object":"whatsapp_business_account","entry":[{"id":"WABA_ID","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"PHONE_NUMBER_ID"},"contacts":[{"profile":{"name":"Kerry"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.TEST1","timestamp":"1700000000","text":{"body":"hi"},"type":"text"}]},"field":"messages"}]}]}';

export const B3 =
  '{"destination":"U00000000000000000000000000000000","events":[{"type":"message","message":{"type":"text","id":"468789577898262530","quoteToken":"q3Plxr4AgKd","text":"Hello"},"webhookEventId":"01H810YECXQQZ37VAXPF6H9E6T","deliveryContext":{"isRedelivery":false},"timestamp":1692251666727,"source":{"type":"user","userId":"U11111111111111111111111111111111"},"replyToken":"38ef843bde154d9b91c21320ffd17a0f","mode":"active"}]}';

export const API = {
  graphUrl: 'https://graph.test/v21.0',
  lineApiUrl: 'https://line-api.test',
  lineDataUrl: 'https://line-data.test',
  xApiUrl: 'https://x-api.test',
  appleGatewayUrl: 'https://apple-gateway.test/v1',
};

/** Flip one byte of a buffer. */
export function flipByte(buffer: Buffer, index = 10): Buffer {
  const copy = Buffer.from(buffer);
  copy[index] ^= 0x01;
  return copy;
}
