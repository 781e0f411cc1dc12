import { describe, expect, it } from 'vitest';
import { imageName, imageOwnership, ownerTags } from '../../../src/main/providers/scaleway/image-ownership';

const KEY = 'r12-a1b2c3d4';

describe('Scaleway backup image ownership', () => {
  it('reads back the name and rule key it wrote, with or without tags', () => {
    const full = imageName('volsnap-web-20240610T010000Z', KEY);
    expect(full).toBe(`volsnap-web-20240610T010000Z.rule-${KEY}`);
    expect(imageOwnership(full, [])).toEqual({ name: 'volsnap-web-20240610T010000Z', managed: true, ruleKey: KEY });
    expect(imageOwnership(full, ['volsnap', `volsnap-rule=${KEY}`]).ruleKey).toBe(KEY);
  });

  it('takes the last rule mark, so a name that itself contains ".rule-" survives', () => {
    const full = imageName('volsnap-app.rule-x-1', KEY);
    expect(imageOwnership(full, null)).toEqual({ name: 'volsnap-app.rule-x-1', managed: true, ruleKey: KEY });
  });

  it('needs the volsnap- prefix and either a well-formed rule mark or the owner tag', () => {
    expect(imageOwnership(`golden.rule-${KEY}`, ['volsnap']).managed).toBe(false);
    expect(imageOwnership('volsnap-by-hand', ['prod']).managed).toBe(false);
    expect(imageOwnership('volsnap-by-hand.rule-', []).managed).toBe(false);
    expect(imageOwnership('volsnap-by-hand.rule-bad key!', []).managed).toBe(false);
    expect(imageOwnership('volsnap-tagged', ['volsnap', `volsnap-rule=${KEY}`])).toEqual({
      name: 'volsnap-tagged',
      managed: true,
      ruleKey: KEY,
    });
  });

  it('sets the owner tags, keeping others and replacing a stale rule tag', () => {
    expect(ownerTags(['prod', 'volsnap-rule=old'], KEY)).toEqual(['prod', 'volsnap', `volsnap-rule=${KEY}`]);
    expect(ownerTags(null, KEY)).toEqual(['volsnap', `volsnap-rule=${KEY}`]);
  });
});
