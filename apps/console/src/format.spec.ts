import { ago, reasonText, shortTime, templateParts, whyFlagged } from './format';

describe('console display helpers', () => {
  it('shows times compactly', () => {
    const now = new Date('2026-06-01T12:00:00');
    expect(shortTime(new Date('2026-06-01T09:08:07').toISOString(), now)).toBe('09:08:07');
    expect(shortTime(new Date('2026-05-30T09:08:07').toISOString(), now)).toBe('2026-05-30 09:08');
    expect(ago(new Date(Date.parse('2026-06-01T12:00:00Z') - 90_000).toISOString(), Date.parse('2026-06-01T12:00:00Z'))).toBe('2 min ago');
  });

  it('words reasons and splits templates at their parameters', () => {
    expect(reasonText('drain.new_template')).toMatch(/never seen/);
    expect(reasonText('custom.reason')).toBe('custom.reason');
    expect(templateParts('Receiving block <*> src: <*>')).toEqual([
      { text: 'Receiving block ', slot: false },
      { text: '<*>', slot: true },
      { text: ' src: ', slot: false },
      { text: '<*>', slot: true },
    ]);
  });

  it("says why something was flagged: the detector's explanation first, else the reasons in words, else 'flagged'", () => {
    expect(whyFlagged('step 3 was not among the expected', ['deeplog.unexpected_key'])).toBe('step 3 was not among the expected');
    expect(whyFlagged(undefined, ['drain.new_template', 'iforest.outlier'])).toBe('a line of a kind never seen before; an unusual mix of events (Isolation Forest)');
    expect(whyFlagged('', ['custom.reason'])).toBe('custom.reason');
    expect(whyFlagged(undefined, [])).toBe('flagged');
    expect(whyFlagged(undefined, undefined)).toBe('flagged');
  });
});
