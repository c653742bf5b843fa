import { describe, expect, it } from 'vitest';
import { composerVariables, fillVariables, firstName, usedVariables } from './variables';

const vars = composerVariables({ customerName: 'Kerry Ann Smith', agentName: 'Ben Carter', shopName: 'Demo Shop' });

describe('fillVariables', () => {
  it('fills every supported variable', () => {
    expect(fillVariables('Hi {{customer.first_name}} ({{customer.name}}), {{agent.name}} from {{shop.name}} here', vars)).toBe(
      'Hi Kerry (Kerry Ann Smith), Ben Carter from Demo Shop here',
    );
  });

  it('tolerates spaces and case inside the braces', () => {
    expect(fillVariables('{{ customer.first_name }} / {{Agent.Name}}', vars)).toBe('Kerry / Ben Carter');
  });

  it('fills repeated variables', () => {
    expect(fillVariables('{{shop.name}}{{shop.name}}', vars)).toBe('Demo ShopDemo Shop');
  });

  it('leaves unknown variables and stray braces as written', () => {
    expect(fillVariables('{{order.id}} {{customer}} {customer.name} {{ }}', vars)).toBe('{{order.id}} {{customer}} {customer.name} {{ }}');
  });

  it('inserts values as plain text, never expanding them again', () => {
    const tricky = composerVariables({ customerName: '{{agent.name}} $& $1', agentName: 'Ben', shopName: 'Shop' });
    expect(fillVariables('Hello {{customer.name}}', tricky)).toBe('Hello {{agent.name}} $& $1');
  });

  it('returns text without variables unchanged', () => {
    expect(fillVariables('Thanks! 🙏', vars)).toBe('Thanks! 🙏');
    expect(fillVariables('', vars)).toBe('');
  });
});

describe('helpers', () => {
  it('takes the first name from a full name', () => {
    expect(firstName('  Siti   Rahman ')).toBe('Siti');
    expect(firstName('Madonna')).toBe('Madonna');
    expect(firstName('')).toBe('');
  });

  it('lists the variables a text uses', () => {
    expect(usedVariables('{{customer.name}} {{ Customer.Name }} {{shop.name}}')).toEqual(['customer.name', 'shop.name']);
  });
});
