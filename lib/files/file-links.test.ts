import { describe, expect, it } from 'vitest';
import { ownFileId, shownUrl } from './file-links';

const id = '0b9f4c7e-1d2a-4c3b-9e8f-7a6b5c4d3e2f';

describe('shownUrl', () => {
  it('shows our stored files as a path on the page’s own host, keeping a signed link’s query', () => {
    expect(shownUrl(`http://localhost:3000/api/files/${id}?exp=1&sig=abc`)).toBe(`/api/files/${id}?exp=1&sig=abc`);
    expect(shownUrl(`/api/files/${id}`)).toBe(`/api/files/${id}`);
  });
  it('leaves other links alone, and nothing stays nothing', () => {
    expect(shownUrl('https://cdn.example.test/a.jpg')).toBe('https://cdn.example.test/a.jpg');
    expect(shownUrl(null)).toBeNull();
    expect(ownFileId('https://cdn.example.test/api/files/not-an-id')).toBeNull();
  });
});
