import { describe, expect, it } from 'vitest';
import { renderTemplateBody, templateParameterCount } from './templates';

describe('WhatsApp template bodies', () => {
  it('counts parameters by the highest number used', () => {
    expect(templateParameterCount('Hi {{1}}, your order {{2}} shipped. {{1}}')).toBe(2);
    expect(templateParameterCount('No parameters')).toBe(0);
    expect(templateParameterCount('{{ 3 }} only')).toBe(3);
  });

  it('renders the body with the parameters, marking missing ones', () => {
    expect(renderTemplateBody('Hi {{1}}, order {{2}} is back in stock', ['Anan', 'Cardigan'])).toBe('Hi Anan, order Cardigan is back in stock');
    expect(renderTemplateBody('Hi {{1}}, {{2}}', ['Anan'])).toBe('Hi Anan, [2]');
  });
});
