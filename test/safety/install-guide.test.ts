import { describe, expect, it } from 'vitest';
import { needsHomeScreenGuide } from '../../src/pwa/install-guide';

const IPAD = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const CHROME_IOS = 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/123.0 Mobile/15E148 Safari/604.1';
const ANDROID = 'Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0 Safari/537.36';

describe('needsHomeScreenGuide', () => {
  it('is true for Safari on iPad (desktop-class UA with touch) and iPhone, not installed', () => {
    expect(needsHomeScreenGuide({ userAgent: IPAD, maxTouchPoints: 5, standalone: false })).toBe(true);
    expect(needsHomeScreenGuide({ userAgent: IPHONE, maxTouchPoints: 5, standalone: false })).toBe(true);
  });
  it('is false once installed, on a Mac without touch, in Chrome on iOS and on Android', () => {
    expect(needsHomeScreenGuide({ userAgent: IPAD, maxTouchPoints: 5, standalone: true })).toBe(false);
    expect(needsHomeScreenGuide({ userAgent: IPAD, maxTouchPoints: 0, standalone: false })).toBe(false);
    expect(needsHomeScreenGuide({ userAgent: CHROME_IOS, maxTouchPoints: 5, standalone: false })).toBe(false);
    expect(needsHomeScreenGuide({ userAgent: ANDROID, maxTouchPoints: 5, standalone: false })).toBe(false);
  });
});
