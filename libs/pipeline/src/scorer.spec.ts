import { calibrateDeepLog, calibrateIForest } from './scorer';
import { featureParams } from './model-format';
import { emptyFeedback, feedbackFromJson, feedbackToJson } from './feedback-state';

describe('score calibration (docs/detector.md, "Score")', () => {
  it('maps each model decision boundary to 0.5', () => {
    expect(calibrateIForest(0.6, 0.6)).toBe(0.5);
    expect(calibrateIForest(0.3, 0.6)).toBeCloseTo(0.25);
    expect(calibrateIForest(1, 0.6)).toBe(1);
    expect(calibrateDeepLog(1, 0, 9)).toBe(0);
    expect(calibrateDeepLog(9, 0.5, 9)).toBeLessThan(0.5);
    expect(calibrateDeepLog(10, 0.6, 9)).toBeCloseTo(0.8);
    expect(calibrateDeepLog(0, 0, 9)).toBe(1);
  });
});

describe('featureParams', () => {
  it('turns long digit runs and hex ids that read as exponents into identifiers, keeps quantities', () => {
    expect(featureParams(['67108864', '00136e95', '12345678901234567', '1.5'])).toEqual(['67108864', '<id>', '<id>', '1.5']);
    const plain = ['1', 'a'];
    expect(featureParams(plain)).toBe(plain);
  });
});

describe('feedback.json', () => {
  it('round-trips and rejects other formats', () => {
    const f = emptyFeedback();
    f.normalTemplates.add('7');
    f.acceptedTransitions.add('1,2>3');
    f.iforestAccepted.set('7', 0.61);
    f.rounds = 2;
    const back = feedbackFromJson(feedbackToJson(f));
    expect(back).toEqual(f);
    expect(() => feedbackFromJson('{"format":"x"}')).toThrow(/unknown format/);
  });
});
